/** Discord timestamps: each viewer's client shows them in their own zone and language. */
export function stamp(at: Date, style: 'F' | 'f' | 'R' | 't' | 'D' = 'F'): string {
  return `<t:${Math.floor(at.getTime() / 1000)}:${style}>`;
}
