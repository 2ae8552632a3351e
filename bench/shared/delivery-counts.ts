/** What a benchmark's producer process logged and what became of it, from its transport's events and close report. */
export interface DeliveryCounts {
  readonly logged: number;
  readonly delivered: number;
  readonly spooled: number;
  readonly dropped: number;
  readonly deadLettered: number;
  readonly undelivered: number;
}
