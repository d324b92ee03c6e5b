// Offer links and images come from configuration text: only web addresses may become href or src,
// never javascript: or data: URLs.

/** @returns {string | null} an absolute http(s) URL, or null */
export function safeUrl(value, base) {
  if (typeof value !== 'string' || value === '') return null;
  try {
    const url = new URL(value, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
