package testsite

import (
	"bytes"
	_ "embed"
	"fmt"
	"html"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// mirrorText holds the paragraphs (one a line) that Mirror assembles its
// articles from: the gold article texts, written by
// testdata/sites/make_fixtures.py.
//
//go:embed mirrortext.txt
var mirrorText string

// Mirror layout constants.
const (
	mirrorPerListing = 20   // articles linked from one listing page
	mirrorPerSitemap = 1000 // URLs in one sitemap file
	mirrorMinPage    = 30 << 10
	mirrorMaxPage    = 60 << 10
)

// Mirror generates a synthetic news site of n article pages into dir/host,
// deterministic from seed, for benchmarks:
//
//	robots.txt                      allows everything, names the sitemap index
//	index.html                      home page: the latest articles, the first listing pages
//	sitemap.xml                     sitemap index → sitemaps/sitemap-0001.xml ... (1,000 URLs each, with lastmod)
//	chuyen-muc/trang-<k>.html       listing pages of 20 articles, each linking the previous and next
//	bai-viet/<slug>-<id>.html       articles of 30–60 KB of HTML, linking 8 other articles and their listing
//
// Article text is assembled from the paragraphs of the gold articles. Article
// i (1-based, newest first) has the URL MirrorArticleURL(host, i, seed). It
// writes a file at a time through one reused buffer, so memory stays flat
// whatever n.
func Mirror(dir, host string, n int, seed int64) error {
	if n < 0 {
		return fmt.Errorf("testsite: mirror %s: negative page count %d", host, n)
	}
	root := filepath.Join(dir, host)
	for _, sub := range []string{"bai-viet", "chuyen-muc", "sitemaps"} {
		if err := os.MkdirAll(filepath.Join(root, sub), 0o755); err != nil {
			return fmt.Errorf("testsite: mirror %s: %w", host, err)
		}
	}
	m := newMirror(host, n, seed)
	var buf bytes.Buffer
	write := func(name string, fill func(*bytes.Buffer, *rand.Rand), r *rand.Rand) error {
		buf.Reset()
		fill(&buf, r)
		if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(name)), buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("testsite: mirror %s: %w", host, err)
		}
		return nil
	}
	for i := 1; i <= n; i++ {
		r := m.rng(i)
		if err := write(m.articlePath(i), func(b *bytes.Buffer, r *rand.Rand) { m.article(b, r, i) }, r); err != nil {
			return err
		}
	}
	listings := (n + mirrorPerListing - 1) / mirrorPerListing
	for k := 1; k <= listings; k++ {
		if err := write(fmt.Sprintf("chuyen-muc/trang-%d.html", k), func(b *bytes.Buffer, _ *rand.Rand) { m.listing(b, k, listings) }, nil); err != nil {
			return err
		}
	}
	sitemaps := (n + mirrorPerSitemap - 1) / mirrorPerSitemap
	for k := 1; k <= sitemaps; k++ {
		if err := write(fmt.Sprintf("sitemaps/sitemap-%04d.xml", k), func(b *bytes.Buffer, _ *rand.Rand) { m.sitemap(b, k) }, nil); err != nil {
			return err
		}
	}
	if err := write("sitemap.xml", func(b *bytes.Buffer, _ *rand.Rand) { m.sitemapIndex(b, sitemaps) }, nil); err != nil {
		return err
	}
	if err := write("index.html", func(b *bytes.Buffer, _ *rand.Rand) { m.listing(b, 0, listings) }, nil); err != nil {
		return err
	}
	robots := "User-agent: *\nAllow: /\n\nSitemap: https://" + host + "/sitemap.xml\n"
	return write("robots.txt", func(b *bytes.Buffer, _ *rand.Rand) { b.WriteString(robots) }, nil)
}

// MirrorArticleURL returns the URL of article i (1 ≤ i ≤ n) of the site
// Mirror(dir, host, n, seed) generates.
func MirrorArticleURL(host string, i int, seed int64) string {
	m := newMirror(host, 0, seed)
	return "https://" + host + "/" + m.articlePath(i)
}

type mirror struct {
	host  string
	n     int
	seed  int64
	paras []string
	words [][]string // the first words of each paragraph, for titles
}

func newMirror(host string, n int, seed int64) *mirror {
	m := &mirror{host: host, n: n, seed: seed, paras: strings.Split(strings.TrimSpace(mirrorText), "\n")}
	m.words = make([][]string, len(m.paras))
	for i, p := range m.paras {
		w := strings.Fields(p)
		m.words[i] = w[:min(len(w), 16)]
	}
	return m
}

// rng returns the generator of article i, independent of generation order.
func (m *mirror) rng(i int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(m.seed), uint64(i)))
}

// title returns article i's headline: the first words of a paragraph.
func (m *mirror) title(i int) string {
	r := m.rng(-i)
	words := m.words[r.IntN(len(m.words))]
	k := min(len(words), 8+r.IntN(8))
	return strings.TrimRight(strings.Join(words[:k], " "), ",.;:")
}

func (m *mirror) articlePath(i int) string {
	return fmt.Sprintf("bai-viet/%s-%d.html", slug(m.title(i)), 100000+i)
}

// published returns article i's time: one every 37 minutes back from 2025-06-30.
func (m *mirror) published(i int) time.Time {
	base := time.Date(2025, time.June, 30, 18, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	return base.Add(-time.Duration(i) * 37 * time.Minute)
}

func (m *mirror) head(b *bytes.Buffer, title, canonical string) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s | Báo %s</title>
<link rel="canonical" href="%s">
<link rel="stylesheet" href="/static/css/main.css?v=20250630">
</head>
<body>
<header class="site-header"><a class="logo" href="/">Báo điện tử %s</a>
<nav class="main-nav">`, html.EscapeString(title), m.host, canonical, m.host)
	for k := 1; k <= 12; k++ {
		fmt.Fprintf(b, `<a href="/chuyen-muc/trang-%d.html">Chuyên mục %d</a> `, k, k)
	}
	b.WriteString("</nav></header>\n<main>\n")
}

func (m *mirror) foot(b *bytes.Buffer) {
	b.WriteString(`</main>
<footer class="site-footer"><p>Cơ quan chủ quản: Tỉnh ủy. Giấy phép số 123/GP-BTTTT.</p><p>© Bản quyền thuộc về Báo điện tử.</p></footer>
</body>
</html>
`)
}

// article writes article i: 30–60 KB, like a real Vietnamese news page
// (navigation, body, related links, a large inline script).
func (m *mirror) article(b *bytes.Buffer, r *rand.Rand, i int) {
	title := m.title(i)
	url := "https://" + m.host + "/" + m.articlePath(i)
	target := mirrorMinPage + 512 + r.IntN(mirrorMaxPage-mirrorMinPage-1024) // the footer adds < 512 bytes
	m.head(b, title, url)
	pub := m.published(i)
	fmt.Fprintf(b, "<article class=\"article-detail\">\n<h1 class=\"article-title\">%s</h1>\n<div class=\"time\" datetime=\"%s\">%s</div>\n<div class=\"article-body\">\n",
		html.EscapeString(title), pub.Format(time.RFC3339), pub.Format("02/01/2006 15:04"))
	body := 4<<10 + r.IntN(12<<10)
	for start := b.Len(); b.Len()-start < body; {
		b.WriteString("<p>")
		b.WriteString(html.EscapeString(m.paras[r.IntN(len(m.paras))]))
		b.WriteString("</p>\n")
	}
	b.WriteString("</div>\n</article>\n<div class=\"related\"><h3>Tin liên quan</h3><ul>\n")
	for range 8 {
		j := 1 + r.IntN(max(m.n, 1))
		fmt.Fprintf(b, "<li><a href=\"/%s\">%s</a></li>\n", m.articlePath(j), html.EscapeString(m.title(j)))
	}
	k := (i-1)/mirrorPerListing + 1
	fmt.Fprintf(b, "</ul><a href=\"/chuyen-muc/trang-%d.html\">Xem thêm</a></div>\n", k)
	// Real pages carry tens of KB of inline script and tracking data.
	b.WriteString("<script type=\"text/javascript\">window.__DATA__ = [")
	var scratch [64]byte
	for b.Len() < target {
		e := append(scratch[:0], `{"id":`...)
		e = strconv.AppendInt(e, int64(r.IntN(1e6)), 10)
		e = append(e, `,"k":"`...)
		e = strconv.AppendUint(e, r.Uint64(), 16)
		e = append(e, `"},`...)
		b.Write(e)
	}
	b.WriteString("0];</script>\n")
	m.foot(b)
}

// listing writes listing page k of pages (k = 0: the home page).
func (m *mirror) listing(b *bytes.Buffer, k, pages int) {
	name := fmt.Sprintf("chuyen-muc/trang-%d.html", k)
	title := fmt.Sprintf("Thời sự - Trang %d", k)
	if k == 0 {
		name, title, k = "", "Trang chủ", 1
	}
	m.head(b, title, "https://"+m.host+"/"+name)
	b.WriteString("<section class=\"category\"><ul class=\"list-news\">\n")
	for i := (k-1)*mirrorPerListing + 1; i <= min(k*mirrorPerListing, m.n); i++ {
		fmt.Fprintf(b, "<li><a href=\"/%s\">%s</a> <time>%s</time></li>\n", m.articlePath(i), html.EscapeString(m.title(i)), m.published(i).Format("02/01/2006"))
	}
	b.WriteString("</ul><div class=\"pagination\">")
	if k > 1 {
		fmt.Fprintf(b, "<a href=\"/chuyen-muc/trang-%d.html\">« Trang trước</a> ", k-1)
	}
	if k < pages {
		fmt.Fprintf(b, "<a href=\"/chuyen-muc/trang-%d.html\">Trang sau »</a>", k+1)
	}
	b.WriteString("</div></section>\n")
	m.foot(b)
}

func (m *mirror) sitemap(b *bytes.Buffer, k int) {
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
	for i := (k-1)*mirrorPerSitemap + 1; i <= min(k*mirrorPerSitemap, m.n); i++ {
		fmt.Fprintf(b, "<url><loc>https://%s/%s</loc><lastmod>%s</lastmod></url>\n", m.host, m.articlePath(i), m.published(i).Format(time.RFC3339))
	}
	b.WriteString("</urlset>\n")
}

func (m *mirror) sitemapIndex(b *bytes.Buffer, sitemaps int) {
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
	for k := 1; k <= sitemaps; k++ {
		fmt.Fprintf(b, "<sitemap><loc>https://%s/sitemaps/sitemap-%04d.xml</loc><lastmod>%s</lastmod></sitemap>\n",
			m.host, k, m.published((k-1)*mirrorPerSitemap+1).Format(time.RFC3339))
	}
	b.WriteString("</sitemapindex>\n")
}

// slug folds a Vietnamese title into a URL slug: "Hội nghị Khối" → "hoi-nghi-khoi".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		}
		r = unicode.ToLower(r)
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
