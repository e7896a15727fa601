/** Process variables of `joint-inspection`, set when the planner merges the plans. */
export interface InspectionVariables {
  inspectionId: string;
  caseNo: string;
  businessId: string;
  leadDeptId: string;
  /** The team's departments, comma-separated: the multi-instance takes the loopCounter-th. */
  deptIds: string;
  deptCount: number;
  /** Local to one department's instance of 各部门检查. */
  deptId?: string;
  result?: 'PASS' | 'ISSUES' | 'SERIOUS' | null;
  findings?: string | null;
  /** The department asks for an enforcement case (立案查处) on its finding. */
  openCase?: boolean | null;
}

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];
