// The words of the bot's numbers (issue 14 item 7): shares of a whole and articles' helpfulness, said so that an
// empty period reads as "none yet" rather than "0 %" or NaN.

/** "40 %" of the whole, or "" when the whole is 0. Rounded to a whole percent. */
export function share(part: number, whole: number): string {
  if (!whole || whole < 0) return '';
  return `${Math.round((part / whole) * 100)} %`;
}

/** "75 % found it helpful (4 votes)", "1 vote: helpful", or "No votes yet". */
export function helpfulness(yes: number, no: number): string {
  const votes = yes + no;
  if (votes <= 0) return 'No votes yet';
  if (votes === 1) return yes ? '1 vote: helpful' : '1 vote: not helpful';
  return `${Math.round((yes / votes) * 100)} % found it helpful (${votes} votes)`;
}

/** The periods an admin can pick, in days. */
export const PERIODS = [7, 30, 90] as const;
