/**
 * The 块数据 spreadsheet's columns (the import reads them, the template writes them, the page names
 * a problem's column by them): the header as the district writes it → the JSON import's field.
 */
export const SHEET_COLUMNS = [
  ['社区编码', 'orgId'],
  ['网格编码', 'gridId'],
  ['道路', 'road'],
  ['门牌号', 'doorNo'],
  ['楼栋', 'name'],
  ['经度', 'lng'],
  ['纬度', 'lat'],
  ['总层数', 'floors'],
  ['单元', 'unitNo'],
  ['楼层', 'floor'],
  ['房号', 'roomNo'],
  ['房屋用途', 'use'],
  ['产权人', 'ownerName'],
  ['承租人', 'tenantName'],
  ['面积', 'area'],
  ['姓名', 'residentName'],
  ['性别', 'gender'],
  ['身份证号', 'idNumber'],
  ['电话', 'phone'],
  ['人口类型', 'kind'],
  ['标签', 'tags'],
  ['单位名称', 'businessName'],
  ['统一社会信用代码', 'uscc'],
  ['法定代表人', 'legalRep'],
  ['单位类型', 'businessKind'],
] as const;
export type Column = (typeof SHEET_COLUMNS)[number][1];

/** The header of a column, by its field (`idNumber` → 身份证号). */
export const columnHeader = (field: string) => SHEET_COLUMNS.find(([, c]) => c === field)?.[0];
