/** ISO-8601 → the `YYYY-MM-DD hh:mm:ss.sss` form ClickHouse's DateTime64 parses in JSONEachRow. */
export const chTime = (iso: string) => new Date(iso).toISOString().replace('T', ' ').replace('Z', '');
