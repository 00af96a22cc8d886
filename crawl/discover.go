package crawl

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/thidua/thidua/normalize"
)

// docKind tells a response body apart by its first element: a sitemap
// index, a sitemap, an RSS or Atom feed, or HTML.
func docKind(body []byte) Kind {
	head := body
	if len(head) > 2048 {
		head = head[:2048]
	}
	head = bytes.ToLower(head)
	switch {
	case bytes.Contains(head, []byte("<sitemapindex")):
		return KindSitemap
	case bytes.Contains(head, []byte("<urlset")):
		return KindSitemap
	case bytes.Contains(head, []byte("<rss")), bytes.Contains(head, []byte("<rdf:rdf")):
		return KindFeed
	case bytes.Contains(head, []byte("<feed")) && bytes.Contains(head, []byte("<?xml")),
		bytes.HasPrefix(bytes.TrimSpace(head), []byte("<feed")):
		return KindFeed
	}
	return KindPage
}

// link is a URL found on a page, with the date its listing gave it.
type link struct {
	url     string // canonical
	lastmod time.Time
	sitemap bool // a child sitemap of a sitemap index, or a robots.txt Sitemap line
	robots  bool // a robots.txt Sitemap line
}

// parseXMLLinks reads sitemaps (index or urlset) and feeds (RSS 2.0, RSS
// 1.0, Atom) with one streaming decoder: <loc>, <link> (text or href) and
// the dates next to them (<lastmod>, <pubDate>, <updated>, <dc:date>).
func parseXMLLinks(base *url.URL, body []byte) []link {
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = false
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	var (
		out     []link
		cur     *link
		inIndex bool
		field   string
		text    strings.Builder
	)
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			switch name {
			case "sitemapindex":
				inIndex = true
			case "url", "sitemap", "item", "entry":
				cur = &link{sitemap: inIndex && name == "sitemap"}
			case "loc", "lastmod", "pubdate", "updated", "published", "date":
				field = name
				text.Reset()
			case "link":
				if cur != nil {
					href, rel := "", ""
					for _, a := range t.Attr {
						switch strings.ToLower(a.Name.Local) {
						case "href":
							href = a.Value
						case "rel":
							rel = a.Value
						}
					}
					if href != "" && (rel == "" || rel == "alternate") && cur.url == "" {
						if u, ok := resolve(base, href); ok {
							cur.url = u
						}
					}
					field = "link"
					text.Reset()
				}
			}
		case xml.CharData:
			if field != "" {
				text.Write(t)
			}
		case xml.EndElement:
			name := strings.ToLower(t.Name.Local)
			if cur != nil && field != "" && name == field {
				v := strings.TrimSpace(text.String())
				switch field {
				case "loc", "link":
					if cur.url == "" && v != "" {
						if u, ok := resolve(base, v); ok {
							cur.url = u
						}
					}
				default:
					if d, ok := parseDate(v); ok && (cur.lastmod.IsZero() || d.After(cur.lastmod)) {
						cur.lastmod = d
					}
				}
				field = ""
			}
			switch name {
			case "url", "sitemap", "item", "entry":
				if cur != nil && cur.url != "" {
					out = append(out, *cur)
				}
				cur = nil
			}
		}
	}
	return out
}

// parseDate reads W3C datetime (sitemaps, Atom) and RFC 1123 (RSS) dates.
func parseDate(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02",
		time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "2 Jan 2006 15:04:05 -0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// htmlPage is what the crawler reads from an HTML page.
type htmlPage struct {
	links     []string // canonical, in document order, without repeats
	canonical string   // rel=canonical, canonical form; "" when absent
	text      string   // main text, normalized, for the content hash
}

// parseHTML reads links, rel=canonical and the main text of a decoded
// page. Broken HTML is parsed as browsers do (x/net/html); it never fails.
func parseHTML(base *url.URL, html string, site *Site) htmlPage {
	var p htmlPage
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(html))
	if err != nil {
		return p
	}
	if href, ok := doc.Find(`base[href]`).First().Attr("href"); ok {
		if b, err := base.Parse(href); err == nil {
			base = b
		}
	}
	if href, ok := doc.Find(`link[rel="canonical"]`).First().Attr("href"); ok {
		if u, ok := resolve(base, href); ok {
			p.canonical = u
		}
	}
	seen := map[string]bool{}
	doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		if rel, _ := a.Attr("rel"); strings.Contains(rel, "nofollow") {
			return
		}
		href, _ := a.Attr("href")
		if u, ok := resolve(base, href); ok && !seen[u] {
			seen[u] = true
			p.links = append(p.links, u)
		}
	})
	p.text = mainText(doc, site)
	return p
}

// mainText is the page's article text: the site's body selector when it
// has one, else the first <article> or articleBody, else all paragraphs.
// Templates differ between hosts; the text of a syndicated article does
// not, so its hash finds the copy.
func mainText(doc *goquery.Document, site *Site) string {
	var sel *goquery.Selection
	if site != nil && site.Selectors.body != nil {
		sel = doc.FindMatcher(site.Selectors.body)
	}
	if sel == nil || sel.Length() == 0 {
		sel = doc.Find(`[itemprop="articleBody"], article`).First()
	}
	var text string
	if sel.Length() > 0 {
		var parts []string
		sel.Find("p").Each(func(_ int, p *goquery.Selection) { parts = append(parts, p.Text()) })
		if len(parts) == 0 {
			parts = append(parts, sel.Text())
		}
		text = strings.Join(parts, "\n")
	} else {
		var parts []string
		doc.Find("p").Each(func(_ int, p *goquery.Selection) { parts = append(parts, p.Text()) })
		text = strings.Join(parts, "\n")
	}
	return oneLine(normalize.String(text))
}

// oneLine joins the lines of canonical text (normalize.String's output,
// whose only spaces are single ' ' and '\n') with one space: the same as
// strings.Join(strings.Fields(s), " ") on such text, without the slice.
func oneLine(s string) string {
	if strings.IndexByte(s, '\n') < 0 {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\n' {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteByte(c)
	}
	return b.String()
}

// contentHash is the hash that recognises one article at two URLs.
func contentHash(text string, body []byte) string {
	var sum [32]byte
	if text != "" {
		sum = sha256.Sum256([]byte(text))
	} else {
		sum = sha256.Sum256(body)
	}
	return "sha256:" + hex.EncodeToString(sum[:])
}
