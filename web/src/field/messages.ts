/** zh-CN / English texts of field reporting, 我上报的, search, export and print (spread into i18n.ts). */
export const fieldMessages = {
  myReports: { 'zh-CN': '我上报的', en: 'My reports' },
  pickGrid: { 'zh-CN': '选择网格', en: 'Choose a grid' },
  photos: { 'zh-CN': '照片/视频', en: 'Photos / videos' },
  addPhoto: { 'zh-CN': '拍照或选择文件', en: 'Take or choose a file' },
  uploadLimits: {
    'zh-CN': '照片（JPEG/PNG/WebP/HEIC）不超过 10 MB，视频（MP4/MOV/WebM）不超过 50 MB',
    en: 'Photos (JPEG/PNG/WebP/HEIC) up to 10 MB, videos (MP4/MOV/WebM) up to 50 MB',
  },
  location: { 'zh-CN': '位置', en: 'Location' },
  locate: { 'zh-CN': '获取当前位置', en: 'Use my location' },
  gridByLocation: {
    'zh-CN': '按定位属于「{name}」，已为您选中，请确认',
    en: 'Your position lies in {name}: selected for you, please confirm',
  },
  locating: { 'zh-CN': '正在定位…', en: 'Locating…' },
  located: { 'zh-CN': '已定位 {lat}, {lng}（WGS-84）', en: 'Located {lat}, {lng} (WGS-84)' },
  noLocation: {
    'zh-CN': '未能获取位置（请允许定位，或仅填写地址）',
    en: 'No location (allow location access, or give the address only)',
  },
  reportedTitle: { 'zh-CN': '已上报，案件编号 {caseNo}', en: 'Reported: case {caseNo}' },
  reportAnother: { 'zh-CN': '继续上报', en: 'Report another' },
  printSheet: { 'zh-CN': '打印办理单（PDF）', en: 'Print case sheet (PDF)' },
  noReports: {
    'zh-CN': '还没有上报过事件。点击“事件上报”报告您发现的问题。',
    en: 'No reports yet. Use “Report an event” for what you find.',
  },
  searchPlaceholder: {
    'zh-CN': '案件编号、地址、上报人或内容',
    en: 'Case number, address, reporter or text',
  },
  searchResults: { 'zh-CN': '搜索结果（{total} 件）', en: 'Search results ({total})' },
  noSearchResults: {
    'zh-CN': '没有找到您辖区内匹配的案件，请换个关键词。',
    en: 'No case in your area matches; try other words.',
  },
  exportXlsx: { 'zh-CN': '导出 Excel', en: 'Export to Excel' },
  searchCases: { 'zh-CN': '搜索案件', en: 'Search cases' },
  searchShort: { 'zh-CN': '搜索', en: 'Search' },
  noOpenSteps: { 'zh-CN': '无待办环节', en: 'No open step' },
} as const;
