import sanitizeHtml from 'sanitize-html';

/** Marks an element the console folds behind "show quoted". */
export const QUOTED_ATTR = 'data-cc-quoted';
/** Where a remote image's address waits until the expert clicks "load remote images". */
export const REMOTE_SRC_ATTR = 'data-remote-src';

const QUOTE_CLASSES = /\b(gmail_quote|moz-cite-prefix|yahoo_quoted|OutlookMessageHeader)\b/;
const QUOTE_IDS = /^(divRplyFwdMsg|appendonsend|x_divRplyFwdMsg)$/;

export interface SanitisedHtml {
  html: string;
  remoteImages: number;
}

/**
 * An allowlist, not a blocklist: structure, text formatting, links and tables survive; scripts,
 * styles, forms, frames and every event handler do not. Remote images lose their src (kept in
 * data-remote-src) so nothing is fetched until the expert asks; `cid:` images point at the
 * stored attachment through `inline`.
 */
export function sanitiseEmailHtml(
  html: string,
  inline: (cid: string) => string | null = () => null,
): SanitisedHtml {
  let remoteImages = 0;
  const out = sanitizeHtml(html, {
    allowedTags: [
      ...sanitizeHtml.defaults.allowedTags.filter((t) => t !== 'style'),
      'img',
      'font',
      'center',
      'u',
      's',
    ],
    allowedAttributes: {
      '*': ['dir', 'lang', 'align', 'title', QUOTED_ATTR],
      a: ['href', 'name', 'target', 'rel'],
      img: ['src', 'alt', 'width', 'height', REMOTE_SRC_ATTR],
      td: ['colspan', 'rowspan', 'valign', 'width'],
      th: ['colspan', 'rowspan', 'valign', 'width', 'scope'],
      table: ['width', 'cellpadding', 'cellspacing', 'border'],
      font: ['color', 'size'],
      ol: ['start', 'type'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['data', 'https', 'http'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' },
      }),
      img: (tagName, attribs) => {
        const src = (attribs.src ?? '').trim();
        const { src: _drop, [REMOTE_SRC_ATTR]: _spoofed, ...rest } = attribs;
        if (/^cid:/i.test(src)) {
          const local = inline(src.slice(4).replace(/^<|>$/g, ''));
          return { tagName, attribs: local ? { ...rest, src: local } : rest };
        }
        if (/^https?:\/\//i.test(src)) {
          remoteImages += 1;
          return { tagName, attribs: { ...rest, [REMOTE_SRC_ATTR]: src } };
        }
        if (/^data:image\//i.test(src)) return { tagName, attribs: { ...rest, src } };
        return { tagName, attribs: rest };
      },
      blockquote: (tagName, attribs) => ({ tagName, attribs: { ...attribs, [QUOTED_ATTR]: '1' } }),
      div: (tagName, attribs) =>
        QUOTE_CLASSES.test(attribs.class ?? '') || QUOTE_IDS.test(attribs.id ?? '')
          ? { tagName, attribs: { ...attribs, [QUOTED_ATTR]: '1' } }
          : { tagName, attribs },
    },
  });
  return { html: out.trim(), remoteImages };
}
