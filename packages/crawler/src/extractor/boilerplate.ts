// Clean-up around Readability, where it falls short on news pages: it keeps navigation, share and
// "related" blocks that sit inside the winning container, ad labels and cookie lines. Generic
// rules in the spirit of trafilatura's, not per-site selectors.

type El = Element;

const BOILERPLATE_ATTR =
  /(^|[\s_-])(nav|navbar|menu|breadcrumbs?|share|sharing|social|related|recommended|recirc|more-stories|newsletter|promo|advert|advertisement|ads?|ad-slot|sponsor(ed)?|outbrain|taboola|comments?|cookie|consent|subscribe|subscription|signup|paywall-promo|sidebar|footer|masthead|skip(-link)?|tags|popular|trending|most-read)([\s_-]|$)/i;

const BOILERPLATE_LINE =
  /^(advert(isement)?|ad|sponsored( content)?|skip to (main )?content|comments?|\d+ comments?|share( this( article| story)?)?|tweet|email|print|sign ?in|log ?in|subscribe( now)?|home|menu|close|related( (articles|stories|content))?:?|read more:?|this slideshow requires javascript\.?|tell us what you think\.*|loading\.*|image:? ?(©|\(c\)).*|\(image: ?©[^)]*\)|(photo|image|credit)s?: [^.]{0,60})$/i;

// Furniture that news sites put between paragraphs: picture credits, timestamps, follow/share prompts.
const FURNITURE_START =
  /^(image (copyright|caption)|(photo|picture|image) (credit|courtesy)|posted:|updated:|published:|last updated|follow (us|[\w ]{1,30}) on|like this story|share (this|on)|also on [\w.]+ |want more stories|sign up (for|to)|click here (for|to)|read (more|next):|copyright ©|© \d{4})/i;
const CONSENT_LINE = /\b(uses? cookies|cookie (policy|settings)|accept (all )?cookies|opt-out if you wish)\b/i;
const RELATED_LINE = /^(related|see also|more|read more|recommended|also read)\s*:/i;

function textLength(el: El): number {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

function linkTextLength(el: El): number {
  let n = 0;
  for (const a of el.querySelectorAll('a')) n += textLength(a);
  return n;
}

/** Remove navigation-like and promotional blocks from the page before Readability scores it. */
export function removeBoilerplateBlocks(document: Document): void {
  const body = document.body as El | null;
  if (body === null) return;
  let pText = 0;
  for (const p of body.querySelectorAll('p')) pText += textLength(p);
  for (const el of [...body.querySelectorAll('nav, aside, footer, [role="navigation"], [role="complementary"], form, button')]) {
    // Never drop a container that holds most of the page's paragraphs (some sites wrap the story in <aside> or <form>).
    let inner = 0;
    for (const p of el.querySelectorAll('p')) inner += textLength(p);
    if (inner < pText * 0.3) el.remove();
  }
  for (const el of [...body.querySelectorAll('[class], [id]')]) {
    if (!el.isConnected) continue;
    const attrs = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (!BOILERPLATE_ATTR.test(attrs)) continue;
    if (/(^|[\s_-])(article|story|post|entry|main)[-_]?(body|content|text)/i.test(attrs)) continue;
    let inner = 0;
    for (const p of el.querySelectorAll('p')) inner += textLength(p);
    if (inner < pText * 0.3) el.remove();
  }
}

/** Remove picture captions: they repeat what the photo shows, not what the article says. */
export function removeCaptions(root: El): void {
  for (const el of [...root.querySelectorAll('figcaption, [class*="caption"]')]) el.remove();
}

/** Remove short link-dense blocks (lists of related links) from Readability's output. */
export function removeLinkLists(root: El): void {
  for (const el of [...root.querySelectorAll('ul, ol, li, div, p, section')]) {
    if (!el.isConnected) continue;
    const len = textLength(el);
    if (len === 0) continue;
    const density = linkTextLength(el) / len;
    if ((el.tagName === 'P' && density > 0.8 && len < 120) || (el.tagName !== 'P' && density > 0.6 && len < 1500)) el.remove();
  }
}

/** Drop paragraphs that are page furniture rather than article text. */
export function filterParagraphs(paragraphs: string[]): string[] {
  return paragraphs.filter((p) => {
    const t = p.trim();
    if (t === '') return false;
    if (t.length <= 120 && BOILERPLATE_LINE.test(t)) return false;
    if (t.length <= 300 && CONSENT_LINE.test(t)) return false;
    if (t.length <= 200 && RELATED_LINE.test(t)) return false;
    if (t.length <= 250 && FURNITURE_START.test(t)) return false;
    return true;
  });
}
