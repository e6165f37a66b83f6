/** hours writes minutes as hours with one decimal, as a number. */
export function hoursOf(minutes: bigint): number {
  return Math.round(Number(minutes) / 6) / 10;
}
