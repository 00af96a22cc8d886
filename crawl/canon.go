package crawl

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"
)

// ErrURL is wrapped by errors about a URL that cannot be crawled.
var ErrURL = errors.New("crawl: bad url")

// dropParams are query parameters that track the reader or carry a
// session: they never change the page, so they are dropped.
var dropParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "yclid": true,
	"mc_cid": true, "mc_eid": true, "_ga": true, "_gl": true, "igshid": true,
	"ref": true, "ref_src": true, "zarsrc": true, "zalo_share": true,
	"jsessionid": true, "sid": true, "phpsessid": true, "sessionid": true,
	"session_id": true, "aspsessionid": true, "cfid": true, "cftoken": true,
}

// Canonicalize returns the canonical form of an absolute http(s) URL:
// lower-case scheme and host, no default port, no fragment, no tracking or
// session parameters (utm_*, fbclid, jsessionid ...; also ";jsessionid="
// path parameters), an empty path as "/". The remaining query keeps the
// site's order: sources patterns are written against the URLs the site
// links (newsdetail.asp?newsID=1&cat1id=2), and a page linked with its
// parameters in two orders is caught by its content hash. One canonical URL
// is fetched once.
func Canonicalize(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("%w: %q: %w", ErrURL, raw, err)
	}
	return canonical(u)
}

func canonical(u *url.URL) (string, error) {
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", fmt.Errorf("%w: %q: not http(s)", ErrURL, u.String())
	}
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return "", fmt.Errorf("%w: %q: no host", ErrURL, u.String())
	}
	host = strings.TrimSuffix(host, ".")
	port := u.Port()
	if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		port = ""
	}
	if port != "" {
		host += ":" + port
	}
	p := u.EscapedPath()
	if i := strings.Index(strings.ToLower(p), ";jsessionid="); i >= 0 {
		p = p[:i]
	}
	if p == "" {
		p = "/"
	}
	out := &strings.Builder{}
	out.WriteString(scheme)
	out.WriteString("://")
	out.WriteString(host)
	out.WriteString(p)
	if u.RawQuery != "" {
		if q := canonicalQuery(u.RawQuery); q != "" {
			out.WriteByte('?')
			out.WriteString(q)
		}
	}
	return out.String(), nil
}

// canonicalQuery keeps the query's own escaping and order (servers such
// as SharePoint compare it byte for byte) and only drops pairs.
func canonicalQuery(raw string) string {
	parts := strings.Split(raw, "&")
	kept := parts[:0]
	for _, p := range parts {
		if p == "" {
			continue
		}
		k, _, _ := strings.Cut(p, "=")
		if dk, err := url.QueryUnescape(k); err == nil {
			k = dk
		}
		lk := strings.ToLower(k)
		if dropParams[lk] || strings.HasPrefix(lk, "utm_") {
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, "&")
}

// resolve turns an href found on base into a canonical URL; ok is false for
// links that are not http(s) pages (mailto:, javascript:, empty).
func resolve(base *url.URL, href string) (string, bool) {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return "", false
	}
	lh := strings.ToLower(href)
	for _, p := range []string{"javascript:", "mailto:", "tel:", "data:", "sms:", "zalo:"} {
		if strings.HasPrefix(lh, p) {
			return "", false
		}
	}
	ref, err := url.Parse(href)
	if err != nil {
		return "", false
	}
	c, err := canonical(base.ResolveReference(ref))
	if err != nil {
		return "", false
	}
	return c, true
}

// hostOf returns the host (with a non-default port) of a canonical URL.
func hostOf(canonicalURL string) string {
	rest, ok := strings.CutPrefix(canonicalURL, "https://")
	if !ok {
		rest, _ = strings.CutPrefix(canonicalURL, "http://")
	}
	if i := strings.IndexAny(rest, "/?"); i >= 0 {
		rest = rest[:i]
	}
	return rest
}

// hostName is hostOf without the port.
func hostName(canonicalURL string) string {
	h := hostOf(canonicalURL)
	if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.Contains(h[i:], "]") {
		return h[:i]
	}
	return h
}

// Limits on URL shape: beyond them a URL is taken for a crawler trap.
const (
	maxURLLength    = 512
	maxPathSegments = 12
	maxSegmentRepat = 3
)

// calendarParams are query keys of calendars and date archives, whose
// "next month" links never end.
var calendarParams = map[string]bool{
	"date": true, "day": true, "month": true, "year": true, "week": true,
	"cal": true, "calendar": true, "ngay": true, "thang": true, "nam": true,
	"tuan": true, "fromdate": true, "todate": true, "from_date": true, "to_date": true,
}

// trapReason returns why a canonical URL looks like a crawler trap (a
// calendar, a path that repeats itself, an absurd length), or "".
func trapReason(cu string) string {
	if len(cu) > maxURLLength {
		return "url too long"
	}
	u, err := url.Parse(cu)
	if err != nil {
		return "unparsable"
	}
	segs := strings.Split(strings.Trim(path.Clean(u.Path), "/"), "/")
	if len(segs) > maxPathSegments {
		return "path too deep"
	}
	count := map[string]int{}
	for _, s := range segs {
		if s == "" {
			continue
		}
		count[s]++
		if count[s] >= maxSegmentRepat {
			return "repeated path segment"
		}
	}
	for k := range u.Query() {
		if calendarParams[strings.ToLower(k)] {
			return "calendar parameter " + k
		}
	}
	if isCalendarPath(segs) {
		return "calendar path"
	}
	return ""
}

// isCalendarPath recognises /lich/2024/03/ or /calendar/2024-03 style
// paths: a calendar word followed by a year.
func isCalendarPath(segs []string) bool {
	for i, s := range segs {
		ls := strings.ToLower(s)
		if ls == "calendar" || ls == "lich" || ls == "lich-cong-tac" || ls == "archive" || ls == "events" {
			if i+1 < len(segs) && len(segs[i+1]) >= 4 && isDigits(segs[i+1][:4]) {
				return true
			}
		}
	}
	return false
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
