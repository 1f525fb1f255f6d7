// The report period as the report endpoints take it (from, to, business_hours).
export interface PeriodQuery { from: string; to: string; businessHours: boolean }

export function periodQuery(p: PeriodQuery): string {
  return `from=${p.from}&to=${p.to}${p.businessHours ? '&business_hours=true' : ''}`;
}
