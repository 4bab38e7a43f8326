/** A plain-text email split for display; joining the parts gives back the original. */
export interface FoldedText {
  visible: string;
  quoted: string;
  signature: string;
}

const QUOTE_HEADERS = [
  /^On .{4,200} wrote:\s*$/, // Gmail, Apple Mail, Thunderbird
  /^در .{4,200} نوشت:\s*$/, // Gmail in Persian
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i, // Outlook (older)
  /^-{2,}\s*Forwarded message\s*-{2,}\s*$/i,
  /^_{10,}\s*$/, // Outlook: a rule, then From:/Sent:/To:
  /^(From|از):\s.+$/, // Outlook without a rule: a header block starts the quoted mail
];

const isQuoteStart = (lines: string[], i: number): boolean => {
  const line = lines[i]!.trim();
  if (/^(From|از):\s/.test(line))
    return lines
      .slice(i + 1, i + 4)
      .some((l) => /^(Sent|Date|To|Subject|ارسال|تاریخ):\s/.test(l.trim()));
  if (QUOTE_HEADERS.some((re) => re.test(line))) return true;
  // A block of "> " lines that runs to the end (ignoring blanks) is a quote.
  if (line.startsWith('>'))
    return lines.slice(i).every((l) => l.trim() === '' || l.trimStart().startsWith('>'));
  return false;
};

/**
 * Finds where the reply ends: the first quote header or trailing "> " block, and a signature
 * after the "-- " delimiter (RFC 3676) in what remains.
 */
export function foldText(text: string): FoldedText {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let quoteAt = lines.length;
  for (let i = 1; i < lines.length; i++) {
    if (isQuoteStart(lines, i)) {
      quoteAt = i;
      break;
    }
  }
  const head = lines.slice(0, quoteAt);
  const sigAt = head.findIndex((l) => l === '-- ' || l === '--');
  const visible = (sigAt >= 0 ? head.slice(0, sigAt) : head).join('\n');
  const signature = sigAt >= 0 ? head.slice(sigAt).join('\n') : '';
  return {
    visible: visible.replace(/\s+$/, ''),
    quoted: lines.slice(quoteAt).join('\n').trim(),
    signature: signature.trim(),
  };
}
