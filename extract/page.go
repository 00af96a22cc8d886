package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/thidua/thidua/normalize"
)

// This file owns Page, what an article page holds before field extraction,
// its entry points (ParseText for a page's text as a scraper saved it,
// ParseHTML for the page itself) and the metadata walk over the HTML tree.
// Chrome rules and the choice of the main content block live in boiler.go,
// dates in pubdate.go.

// Page is what the article page holds, before field extraction.
type Page struct {
	Title     string   // the headline
	Text      string   // main text: paragraphs separated by "\n\n", lines by "\n"; no chrome; no captions
	Captions  []string // image captions (file-name lines such as "IMG_0528.JPG" dropped)
	Published string   // RFC 3339 with +07:00 when a time is shown ("2024-03-19T17:01:00+07:00"), else "2024-03-19"; "" if unknown
	Canonical string   // rel=canonical / og:url, absolute; "" if none
	Footer    string   // site footer / copyright lines removed from Text (they can name the province: "© Viện kiểm sát nhân dân tỉnh Bình Định ...")
}

// ParseHTML reads an article page. pageURL (may be "") resolves relative links.
//
// The page is parsed once (goquery/x/net/html) and its tree walked once
// for metadata (og:/article: meta, <time>, rel=canonical, headings, footer,
// JSON-LD scripts, decoded only if the meta tags leave them needed) and
// block scores. Then the main content is rendered (and, when they are
// needed, the first lines after the headline, for a date line, and the
// footer), normalized, split into lines and each line classified once.
// Input must already be UTF-8 (decode with the normalize package first).
func ParseHTML(r io.Reader, pageURL string) (Page, error) {
	doc, err := goquery.NewDocumentFromReader(r)
	if err != nil {
		if pageURL == "" {
			pageURL = "page"
		}
		return Page{}, fmt.Errorf("extract: parse html %s: %w", pageURL, err)
	}
	return pageFromTree(doc.Nodes[0], pageURL), nil
}

// ParseText cleans a plain-text article (a page's text as a scraper saved it).
func ParseText(text string) Page {
	rest, hint := scraperDatePrefix(text)
	t := newTextLines(rest)
	h := findHead(t)
	skip := make([]bool, len(t.lines))
	for _, i := range h.skip {
		skip[i] = true
	}
	c := cleanLines(t, skip)
	p := Page{
		Title:     h.title,
		Text:      c.text,
		Captions:  c.captions,
		Published: h.published,
		Footer:    strings.Join(c.footer, "\n"),
	}
	if p.Published == "" {
		p.Published = hint
	}
	return p
}

// PublishedFromText finds a publication date line near the top of a text.
func PublishedFromText(text string) string {
	rest, hint := scraperDatePrefix(text)
	if h := findHead(newTextLines(rest)); h.published != "" {
		return h.published
	}
	return hint
}

// headWindow is how many kept lines at the top of a text may hold the title
// and the date line.
const headWindow = 6

// Bounds of a headline, in runes.
const (
	minTitleRunes = 8
	maxTitleRunes = 250
)

// head is what the top of a text says: title, publication date, and the
// indexes of the lines they came from (to leave out of the main text).
type head struct {
	title, published string
	skip             []int
}

// findHead reads the title and the publication date from the first lines of
// a text. A date line counts when it follows a line (the title, or a title's
// kicker); a date line before any other line is the site's clock and is only
// dropped. Without a date line, the first line is the title when it is
// headline-like: short, then a paragraph break, no final full stop (unless
// chrome or a date follows it).
func findHead(t textLines) head {
	var h head
	lines := t.lines
	var kept []int // indexes of the first non-chrome lines
	for i := 0; i < len(lines) && len(kept) < headWindow; i++ {
		switch t.kind(i) {
		case lineBody, lineCaption:
			kept = append(kept, i)
		}
	}
	titleAt := -1
	for p, i := range kept {
		d, ok := parseDateLine(lines[i])
		if !ok {
			continue
		}
		h.skip = append(h.skip, i)
		if p == 0 || (len(h.skip) > 1) {
			continue // the site's clock above the headline
		}
		h.published = d
		prev := kept[p-1]
		if n := utf8.RuneCountInString(lines[prev]); n >= minTitleRunes && n <= maxTitleRunes && !strings.HasSuffix(lines[prev], ":") {
			titleAt = prev
		}
		break
	}
	if titleAt < 0 {
		for p, i := range kept {
			if containsInt(h.skip, i) {
				continue
			}
			if strings.HasSuffix(lines[i], ":") && p+1 < len(kept) {
				continue // a kicker ("CỤM THI ĐUA SỐ 8 – BỘ CÔNG AN:") above the headline
			}
			if headlineLike(t, i) {
				titleAt = i
			}
			break
		}
	}
	if titleAt >= 0 {
		h.title = strings.TrimRight(lines[titleAt], ". ")
		h.skip = append(h.skip, titleAt)
	}
	return h
}

// headlineLike tells whether lines[i] reads as a headline: short, one
// sentence, followed by a paragraph break; a final full stop only when chrome
// or a date line follows.
func headlineLike(t textLines, i int) bool {
	lines := t.lines
	l := lines[i]
	n := utf8.RuneCountInString(l)
	if n < minTitleRunes || n > 200 || t.kind(i) != lineBody {
		return false
	}
	if i+1 < len(lines) && lines[i+1] != "" {
		_, date := parseDateLine(lines[i+1])
		if !date && t.kind(i+1) != lineChrome {
			return false
		}
	}
	if strings.HasSuffix(l, ".") {
		if strings.Contains(strings.TrimSuffix(l, "."), ". ") {
			return false
		}
		for j := i + 1; j < len(lines); j++ {
			if lines[j] == "" {
				continue
			}
			_, date := parseDateLine(lines[j])
			return date || t.kind(j) == lineChrome
		}
		return false
	}
	return true
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// cleanCaption normalizes a caption and drops its file-name lines.
func cleanCaption(s string) string {
	var parts []string
	for _, l := range strings.Split(normalize.String(s), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || isFileName(l) {
			continue
		}
		parts = append(parts, l)
	}
	return strings.Join(parts, " ")
}

// htmlScan is what one walk over a page's tree finds.
type htmlScan struct {
	meta      map[string]string   // lower-cased property, name or itemprop → first content
	canonical string              // first rel=canonical href
	docTitle  string              // <title>
	ldScripts []*html.Node        // JSON-LD scripts, read when first needed (readLD)
	ldRead    bool                // readLD has run: the three below are set
	ldTitle   string              // JSON-LD headline of an Article
	ldDate    string              // JSON-LD datePublished, Article first
	ldAnyDate string              // JSON-LD datePublished of another type
	timeDate  string              // first <time datetime> outside chrome
	headings  []*html.Node        // h1 and h2 outside chrome, in document order
	titled    []*html.Node        // other elements whose class names a title ("title-detail", "tieude_tin")
	footer    *html.Node          // the last <footer> or footer-classed element
	folded    map[*html.Node]bool // text nodes with white space to fold inside (textStats)
	blocks    blockScores
}

// pageFromTree reads a Page from a parsed page.
func pageFromTree(root *html.Node, pageURL string) Page {
	s := htmlScan{meta: map[string]string{}, blocks: newBlockScores()}
	s.walk(root, false)

	var p Page
	titleNode, title := s.pickTitle()
	p.Title = title
	p.Canonical = s.pickCanonical(pageURL)
	p.Published = s.pickDate()

	var captions []string
	t := newTextLines(s.render(s.blocks.pick(root), titleNode, &captions))
	lines := t.lines
	skip := make([]bool, len(lines))
	if p.Title == "" {
		h := findHead(t)
		p.Title = h.title
		for _, i := range h.skip {
			skip[i] = true
		}
	}
	// The first kept lines may repeat the headline or hold the date line.
	var lineDate string
	kept := 0
	for i := 0; i < len(lines) && kept < headWindow; i++ {
		if k := t.kind(i); k != lineBody && k != lineCaption {
			continue
		}
		kept++
		if kept <= 2 && p.Title != "" && foldEqual(strings.TrimRight(lines[i], ". "), p.Title) {
			skip[i] = true
			continue
		}
		if d, ok := parseDateLine(lines[i]); ok {
			skip[i] = true
			if lineDate == "" {
				lineDate = d
			}
		}
	}
	if p.Published == "" && titleNode != nil {
		p.Published = s.dateAfter(titleNode)
	}
	if p.Published == "" {
		p.Published = lineDate
	}
	c := cleanLines(t, skip)
	p.Text = c.text
	p.Captions = append(captions, c.captions...)
	p.Footer = strings.Join(dedupe(append(c.footer, s.footerLines(root)...)), "\n")
	return p
}

// walk visits n's subtree once: it reads metadata, notes headings and the
// footer, and scores blocks for the main-content choice. chrome marks
// subtrees of navigation, sidebars, related lists, comments and footers.
func (s *htmlScan) walk(n *html.Node, chrome bool) nodeStats {
	switch n.Type {
	case html.TextNode:
		st, plain := textStats(n.Data)
		if !plain {
			if s.folded == nil {
				s.folded = map[*html.Node]bool{}
			}
			s.folded[n] = true
		}
		return st
	case html.ElementNode, html.DocumentNode:
	default:
		return nodeStats{}
	}
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Script:
			if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
				s.ldScripts = append(s.ldScripts, n)
			}
		case atom.Meta:
			s.readMeta(n)
		case atom.Link:
			if s.canonical == "" && strings.EqualFold(strings.TrimSpace(attr(n, "rel")), "canonical") {
				s.canonical = attr(n, "href")
			}
		case atom.Title:
			if s.docTitle == "" {
				s.docTitle = textOf(n)
			}
		case atom.Time:
			if !chrome && s.timeDate == "" {
				s.timeDate = parseMachineDate(attr(n, "datetime"))
			}
		case atom.Nav, atom.Aside:
			chrome = true
		case atom.Footer:
			s.footer = n
			chrome = true
		case atom.H1, atom.H2:
			if !chrome {
				s.headings = append(s.headings, n)
			}
		}
		if textless(n.DataAtom) {
			return nodeStats{}
		}
		if ip := attr(n, "itemprop"); ip != "" {
			if strings.EqualFold(ip, "datePublished") && s.meta["datepublished"] == "" {
				if v := attr(n, "content"); v != "" {
					s.meta["datepublished"] = v
				} else if v := attr(n, "datetime"); v != "" {
					s.meta["datepublished"] = v
				}
			}
			if strings.EqualFold(ip, "articleBody") && !chrome {
				s.blocks.hint(n)
			}
		}
		if !chrome {
			switch h := hintsOf(n); {
			case h&hintFooter != 0:
				s.footer = n
				chrome = true
			case h&hintChrome != 0:
				chrome = true
			case h&hintContent != 0:
				s.blocks.hint(n)
			case h&hintTitle != 0 && n.DataAtom != atom.H1 && n.DataAtom != atom.H2:
				s.titled = append(s.titled, n)
			}
		}
	}
	var st nodeStats
	hasBlock := false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		cs := s.walk(c, chrome)
		st.text += cs.text
		st.link += cs.link
		st.commas += cs.commas
		st.bytes += cs.bytes
		hasBlock = hasBlock || cs.block
	}
	if n.DataAtom == atom.A {
		st.link = st.text
	}
	s.blocks.visit(n, st, hasBlock, chrome)
	st.block = hasBlock || (n.Type == html.ElementNode && isBlock(n.DataAtom))
	return st
}

// textless tells the elements whose text is not page text: scripts and
// styles, embedded objects, form controls, and the head's meta, link and
// title. The walk reads what it needs of them and does not go inside.
func textless(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Iframe, atom.Object,
		atom.Button, atom.Select, atom.Textarea, atom.Input, atom.Meta, atom.Link, atom.Title:
		return true
	}
	return false
}

// copyrightMarks are the words of a site footer; the last block that holds
// one is the footer when the markup names none.
var copyrightMarks = [...]string{"©", "Copyright", "Bản quyền", "bản quyền", "Giấy phép số", "Cơ quan chủ quản"}

// lastMarked returns the last text node under n, in document order, that
// holds a copyright mark, searching from the end; nil if none.
func lastMarked(n *html.Node) *html.Node {
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		switch {
		case c.Type == html.TextNode:
			if hasAny(c.Data, copyrightMarks[:]) {
				return c
			}
		case c.Type == html.ElementNode && !textless(c.DataAtom):
			if t := lastMarked(c); t != nil {
				return t
			}
		}
	}
	return nil
}

// readMeta keeps the first content of each og:, article:, name= and
// itemprop= meta tag.
func (s *htmlScan) readMeta(n *html.Node) {
	content := attr(n, "content")
	if content == "" {
		return
	}
	for _, k := range [...]string{"property", "name", "itemprop"} {
		if key := strings.ToLower(strings.TrimSpace(attr(n, k))); key != "" {
			if _, seen := s.meta[key]; !seen {
				s.meta[key] = content
			}
		}
	}
}

// readLD reads datePublished and headline from the JSON-LD scripts, once,
// when the meta tags leave them needed (decoding JSON costs more than the
// rest of the walk); a script that is not valid JSON is ignored, as
// browsers do.
func (s *htmlScan) readLD() {
	if s.ldRead {
		return
	}
	s.ldRead = true
	for _, n := range s.ldScripts {
		s.ldFind([]byte(textOf(n)), 0)
	}
}

// ldNode is what readLD takes from a JSON-LD object; other members are
// skipped unread, and values of other types than expected left raw.
type ldNode struct {
	Type             json.RawMessage `json:"@type"`
	DatePublished    json.RawMessage `json:"datePublished"`
	Headline         json.RawMessage `json:"headline"`
	Graph            json.RawMessage `json:"@graph"`
	MainEntity       json.RawMessage `json:"mainEntity"`
	MainEntityOfPage json.RawMessage `json:"mainEntityOfPage"`
}

// ldFind reads a JSON-LD value: an object (its date and headline, then
// its @graph and main entity) or a list of them. Invalid JSON is ignored.
func (s *htmlScan) ldFind(raw []byte, depth int) {
	raw = bytes.TrimSpace(raw)
	if depth > 8 || len(raw) == 0 {
		return
	}
	// What is read is a date or a headline: a value without either key
	// (breadcrumbs, the site's logo, a WebPage reference) is not decoded.
	if !bytes.Contains(raw, []byte(`"datePublished"`)) && !bytes.Contains(raw, []byte(`"headline"`)) {
		return
	}
	switch raw[0] {
	case '[':
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) != nil {
			return
		}
		for _, e := range list {
			s.ldFind(e, depth+1)
		}
	case '{':
		var x ldNode
		if json.Unmarshal(raw, &x) != nil {
			return
		}
		typ := string(x.Type) // "NewsArticle" or a list of types, as written
		date := ldString(x.DatePublished)
		if strings.Contains(typ, "Article") || strings.Contains(typ, "Posting") || strings.Contains(typ, "Report") {
			if s.ldDate == "" {
				s.ldDate = parseMachineDate(date)
			}
			if h := ldString(x.Headline); s.ldTitle == "" && h != "" {
				s.ldTitle = h
			}
		} else if s.ldAnyDate == "" && date != "" {
			s.ldAnyDate = parseMachineDate(date)
		}
		for _, e := range [...]json.RawMessage{x.Graph, x.MainEntity, x.MainEntityOfPage} {
			s.ldFind(e, depth+1)
		}
	}
}

// ldString returns a JSON string value, or "" for any other value.
func ldString(raw json.RawMessage) string {
	var v string
	if len(raw) == 0 || raw[0] != '"' || json.Unmarshal(raw, &v) != nil {
		return ""
	}
	return v
}

// metaDateKeys are the meta tags that may hold the publication time, best
// first.
var metaDateKeys = [...]string{
	"article:published_time", "datepublished", "og:published_time", "og:article:published_time",
	"pubdate", "publishdate", "publish-date", "dc.date.issued", "dcterms.issued", "dc.date",
	"date", "article.published", "published_time", "sailthru.date", "parsely-pub-date",
}

// pickDate returns the publication time from meta tags, JSON-LD or <time>.
func (s *htmlScan) pickDate() string {
	if v := parseMachineDate(s.meta["article:published_time"]); v != "" {
		return v
	}
	if s.readLD(); s.ldDate != "" {
		return s.ldDate
	}
	for _, k := range metaDateKeys[1:] {
		if v := parseMachineDate(s.meta[k]); v != "" {
			return v
		}
	}
	if s.ldAnyDate != "" {
		return s.ldAnyDate
	}
	return s.timeDate
}

// titleHints name a headline in a class or id.
var titleHints = [...]string{"title", "tieude", "tieu-de", "headline"}

// minTitledRunes is the length an element named only by its class needs to
// be taken for the headline (box titles such as "Liên kết website" are
// shorter).
const minTitledRunes = 20

// pickTitle returns the headline and the element it came from (nil when it
// came from meta tags). A heading (h1, h2, then a title-classed element)
// wins when it matches og:title, the JSON-LD headline or <title>; else
// og:title or the JSON-LD headline; else the first h1 or title-classed
// element; else <title>.
func (s *htmlScan) pickTitle() (*html.Node, string) {
	ref := cleanTitle(s.meta["og:title"])
	strong := ref != ""
	if ref == "" {
		s.readLD()
		for i, r := range [...]string{s.ldTitle, s.meta["twitter:title"], s.docTitle} {
			if r = cleanTitle(r); r != "" {
				ref, strong = r, i < 2
				break
			}
		}
	}
	fref := normalize.Fold(ref)
	matches := func(t string) bool {
		ft := normalize.Fold(t)
		return fref != "" && (strings.Contains(fref, ft) || strings.Contains(ft, fref))
	}
	for _, set := range [...]struct {
		nodes []*html.Node
		min   int
	}{{s.headings, minTitleRunes}, {s.titled, minTitledRunes}} {
		for _, h := range set.nodes {
			if t := cleanTitle(textOf(h)); utf8.RuneCountInString(t) >= set.min && matches(t) {
				return h, t
			}
		}
	}
	if site := cleanTitle(s.meta["og:site_name"]); site != "" {
		for _, sep := range [...]string{" - ", " | ", " – "} {
			ref = strings.TrimSuffix(ref, sep+site)
		}
	}
	if strong {
		return nil, ref
	}
	for _, h := range s.headings {
		if t := cleanTitle(textOf(h)); h.DataAtom == atom.H1 && utf8.RuneCountInString(t) >= minTitleRunes {
			return h, t
		}
	}
	for _, h := range s.titled {
		if t := cleanTitle(textOf(h)); utf8.RuneCountInString(t) >= minTitledRunes {
			return h, t
		}
	}
	return nil, ref
}

// cleanTitle normalizes a headline to one line without a final full stop.
func cleanTitle(s string) string {
	s = normalize.String(strings.ReplaceAll(s, "\n", " "))
	return strings.TrimRight(strings.TrimSpace(s), ". ")
}

// pickCanonical returns rel=canonical, else og:url, made absolute.
func (s *htmlScan) pickCanonical(pageURL string) string {
	for _, h := range [...]string{s.canonical, s.meta["og:url"]} {
		if u := absURL(h, pageURL); u != "" {
			return u
		}
	}
	return ""
}

// absURL resolves href against pageURL; "" when the result is not an
// absolute http(s) URL.
func absURL(href, pageURL string) string {
	href = strings.TrimSpace(href)
	if href == "" {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if !u.IsAbs() {
		base, err := url.Parse(pageURL)
		if err != nil || !base.IsAbs() {
			return ""
		}
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return u.String()
}

// footerLines renders the page footer (or, when the markup names none, the
// block that holds the last copyright mark of the page under root) into its
// text lines.
func (s *htmlScan) footerLines(root *html.Node) []string {
	n := s.footer
	if n == nil {
		if t := lastMarked(root); t != nil {
			n = blockOf(t)
		}
	}
	if n == nil {
		return nil
	}
	r := renderer{scan: s, limit: 4000, keepChrome: true}
	r.node(n)
	t := newTextLines(r.b.text())
	var out []string
	for i, l := range t.lines {
		if k := t.kind(i); (k == lineBody || k == lineFooter) && utf8.RuneCountInString(l) >= 10 {
			out = append(out, l)
		}
	}
	return out
}

// dateAfter reads a date line among the first lines that follow the
// headline element in document order: the first dateAfterLines kept lines
// of the text rendered after it (up to about dateAfterBytes). It renders
// one following subtree at a time and stops as soon as the lines complete
// so far decide.
func (s *htmlScan) dateAfter(h *html.Node) string {
	r := renderer{scan: s, limit: dateAfterBytes}
	var w dateWindow
	for n := h; n != nil && r.b.Len() < r.limit; {
		next := n.NextSibling
		for next == nil && n.Parent != nil {
			n = n.Parent
			next = n.NextSibling
		}
		if next == nil {
			break
		}
		r.node(next)
		n = next
		// Lines up to the last line break are complete: what follows
		// cannot change them.
		text := r.b.b.String()
		if d, done := w.read(text[:strings.LastIndexByte(text, '\n')+1]); done {
			return d
		}
	}
	d, _ := w.read(r.b.text())
	return d
}

// dateWindow reads the lines of dateAfter's text as they complete.
type dateWindow struct {
	off  int // bytes of the text read so far
	kept int // kept lines read so far
}

// read reads text past what it has read; done is true once a date line or
// dateAfterLines kept lines without one are found.
func (w *dateWindow) read(text string) (date string, done bool) {
	if len(text) <= w.off {
		return "", false
	}
	t := newTextLines(text[w.off:])
	w.off = len(text)
	for i, l := range t.lines {
		if k := t.kind(i); k != lineBody && k != lineCaption {
			continue
		}
		if d, ok := parseDateLine(l); ok {
			return d, true
		}
		if w.kept++; w.kept >= dateAfterLines {
			return "", true
		}
	}
	return "", false
}

// The window after the headline where dateAfter looks for the date line.
const (
	dateAfterBytes = 1200
	dateAfterLines = 4
)

// foldEqual tells whether a and b have the same match key:
// normalize.Fold(a) == normalize.Fold(b), compared rune by rune.
func foldEqual(a, b string) bool {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb && normalize.FoldRune(ra) != normalize.FoldRune(rb) {
			return false
		}
		a, b = a[na:], b[nb:]
	}
	return a == "" && b == ""
}

func dedupe(s []string) []string {
	var out []string
	for i, x := range s {
		dup := false
		for _, y := range s[:i] {
			if x == y {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
}

// attr returns n's attribute key ("" when absent).
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textOf concatenates the text under n.
func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			} else if c.Type == html.ElementNode {
				f(c)
			}
		}
	}
	f(n)
	return b.String()
}

// blockOf returns the nearest block element above n.
func blockOf(n *html.Node) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && isBlock(p.DataAtom) {
			return p
		}
	}
	return nil
}
