const count = new Intl.NumberFormat("en-US");

/** "1 member", "1,066 members". */
export function plural(n: number, one: string, many: string): string {
  return `${count.format(n)} ${n === 1 ? one : many}`;
}
