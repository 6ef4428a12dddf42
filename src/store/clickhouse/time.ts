/** ISO-8601 → the `YYYY-MM-DD hh:mm:ss.sss` form ClickHouse's DateTime64 parses in JSONEachRow. */
export const chTime = (iso: string) => new Date(iso).toISOString().replace('T', ' ').replace('Z', '');
/** Epoch milliseconds (as a query returns them, number or string) → ISO-8601. */
export const isoOf = (ms: unknown) => new Date(Number(ms)).toISOString();
