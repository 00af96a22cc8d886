package extract

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/thidua/thidua/normalize"
)

// This file owns the site chrome that surrounds an article's text, line by
// line: what a line is (classifyLine, asked once a line through
// textLines), and how a page's lines become the main text, the captions and
// the footer (cleanLines). ParseText and ParseHTML both end here. It also
// owns the HTML side of the same question: class and id hints (hintsOf),
// block scores for the main content, and the renderer that writes a
// subtree's text already in normalize's white-space form.

// lineKind says what a line of page text is.
type lineKind uint8

const (
	lineBody     lineKind = iota // article text: kept
	lineBlank                    // paragraph break
	lineChrome                   // portal noise: dropped wherever it is
	lineTrailer                  // starts a trailing block (related list, comments, counters): the rest is chrome
	lineFooter                   // copyright line: it and what follows go to Page.Footer
	lineFileName                 // an image's file name or id: dropped; the line after it may be a caption
	lineCaption                  // a photo caption ("... Ảnh: KL"): goes to Page.Captions
)

// chromeLines are whole lines of portal noise, folded (lower case, no
// diacritics), seen in the scraped texts of /work/shared/gold.
var chromeLines = map[string]bool{
	"sign in": true, "skip ribbon commands": true, "skip to main content": true,
	"truy cap noi dung luon": true, "qc-top": true, "in ra": true, "in bai viet": true,
	"dong cua so nay": true, "quay len tren": true, "len dau trang": true, "ve dau trang": true,
	"reset captcha": true, "nhap lai": true,
	"gui binh luan nhap lai": true, "moi nhat": true, "quan tam nhieu nhat": true,
	"facebook": true, "twitter": true, "zalo": true, "email": true, "print": true,
	"chia se": true, "chia se:": true, "ban in": true, "gui bai": true, "tweet": true,
	"trang chu": true, "menu": true, "tim kiem": true, "dang nhap": true,
}

// chromePrefixes start lines of portal noise (folded).
var chromePrefixes = [...]string{
	"intnumviewtotal=", "duong day nong", "home |", "home >", "trang chu |", "trang chu >",
	"trang chu »", "gui file dinh kem", "luot xem:", "luot doc:", "so luot xem",
}

// trailerLines start a trailing block when they stand alone on a line (folded,
// compared after trimming a final colon).
var trailerLines = map[string]bool{
	"cac bai lien quan": true, "bai lien quan": true, "tin lien quan": true, "cac tin lien quan": true,
	"bai viet lien quan": true, "cung chuyen muc": true, "tin cung chuyen muc": true,
	"bai cung chuyen muc": true, "doc them": true, "xem them": true, "cac tin khac": true,
	"tin khac": true, "cac bai khac": true, "tin bai khac": true, "tin moi": true, "tin moi nhat": true,
	"tin doc nhieu": true, "doc nhieu nhat": true, "binh luan": true, "y kien ban doc": true,
	"gui binh luan": true, "gui y kien": true, "chia se bai viet": true, "tu khoa": true,
	"tags": true, "the": true, "cac tin da dua ngay": true, "tin da dua": true,
	"quay lai": true, "tro ve": true,
}

// trailerPrefixes start a trailing block (folded).
var trailerPrefixes = [...]string{
	"cac tin da dua ngay", "y kien ban doc", "bai viet hay? hay danh gia", "tro ve 1 2",
	"so luot truy cap", "so nguoi online", "dang truy cap", "luot truy cap", "tong luot truy cap",
	"luu y: bdo", "tu khoa:", "tags:", "gui binh luan",
}

// footerPrefixes start a site footer (folded).
var footerPrefixes = [...]string{"©", "(c) ", "copyright", "ban quyen thuoc", "ban quyen ©"}

// trailerFrom is the share of the text (in bytes) after which a trailer line
// cuts the rest; before it a trailer line is only dropped.
const trailerFrom = 0.4

// classifyLine says what one trimmed, normalized line is.
func classifyLine(line string) lineKind {
	if line == "" {
		return lineBlank
	}
	// The rules read the folded line (lower case, no diacritics) without
	// its bullets. Chrome lines are short: the whole-line rules look at
	// lines of up to maxChromeBytes only; of a longer line only the head is
	// folded, for the prefix rules. The folded key lives on the stack.
	short := len(line) <= maxChromeBytes
	var buf [2 * maxChromeBytes]byte
	var f []byte
	if short {
		f = appendLineKey(buf[:0], line, 0)
	} else {
		f = appendLineKey(buf[:0], line[:runeCut(line, maxChromeBytes)], maxPrefixBytes+1)
	}
	for _, p := range footerPrefixes {
		if hasPrefix(f, p) {
			return lineFooter
		}
	}
	key := bytes.TrimRight(f, ": ")
	if short && chromeLines[string(key)] {
		return lineChrome
	}
	for _, p := range chromePrefixes {
		if hasPrefix(f, p) {
			return lineChrome
		}
	}
	if short && trailerLines[string(key)] {
		return lineTrailer
	}
	for _, p := range trailerPrefixes {
		if hasPrefix(f, p) {
			return lineTrailer
		}
	}
	if short && isCounter(f) {
		if bytes.HasSuffix(f, []byte("binh luan")) {
			return lineTrailer // "(0) Bình luận" opens the comments
		}
		return lineChrome
	}
	if isFileName(line) {
		return lineFileName
	}
	if hasPhotoCredit(line) {
		return lineCaption
	}
	return lineBody
}

// maxChromeBytes is the longest line that whole-line chrome rules look at.
const maxChromeBytes = 160

// maxPrefixBytes is the longest of footerPrefixes, chromePrefixes and
// trailerPrefixes: all a long line's key needs.
const maxPrefixBytes = 32

// lineBullets lead a line without being part of its key (folded).
const lineBullets = "-•*·> "

// appendLineKey appends to dst the key the line rules read: line folded
// rune by rune (normalize.FoldRune), without the leading runes that fold
// to lineBullets and then to white space, and without trailing white
// space: what strings.TrimSpace(strings.TrimLeft(normalize.Fold(line),
// lineBullets)) gives, without allocating while dst has room. When max > 0
// it stops once the key has max bytes.
func appendLineKey(dst []byte, line string, max int) []byte {
	i := 0
	for _, lead := range [...]func(rune) bool{isLineBullet, unicode.IsSpace} {
		for i < len(line) {
			r, size := utf8.DecodeRuneInString(line[i:])
			if !lead(normalize.FoldRune(r)) {
				break
			}
			i += size
		}
	}
	start := len(dst)
	for i < len(line) && (max <= 0 || len(dst)-start < max) {
		if c := line[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		dst = utf8.AppendRune(dst, normalize.FoldRune(r))
		i += size
	}
	for len(dst) > start { // trailing white space
		r, size := rune(dst[len(dst)-1]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeLastRune(dst[start:])
		}
		if !unicode.IsSpace(r) {
			break
		}
		dst = dst[:len(dst)-size]
	}
	return dst
}

func isLineBullet(r rune) bool { return strings.ContainsRune(lineBullets, r) }

// runeCut returns the largest rune boundary of s at most n.
func runeCut(s string, n int) int {
	if n >= len(s) {
		return len(s)
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

// hasPrefix is strings.HasPrefix for a byte key, without a conversion.
func hasPrefix(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && string(b[:len(prefix)]) == prefix
}

// isCounter tells visit counters, comment counts and bare numbers: "9497
// lượt xem", "15 trả lời", "(0) Bình luận", "77".
func isCounter(f []byte) bool {
	i := 0
	if len(f) > 0 && f[0] == '(' {
		i = 1
	}
	n := 0
	for i < len(f) && (isASCIIDigit(f[i]) || f[i] == '.' || f[i] == ',') {
		i++
		n++
	}
	if n == 0 {
		return false
	}
	rest := bytes.TrimSpace(bytes.TrimLeft(f[i:], ")"))
	switch string(rest) {
	case "", "luot xem", "luot doc", "tra loi", "binh luan", "y kien", "luot thich", "views", "comments":
		return true
	}
	return false
}

// imageExts end file-name lines.
var imageExts = [...]string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff"}

// isFileName tells a line that names an image rather than saying something:
// "IMG_0528.JPG", a sentence ending in ".JPG", "KHOI THI DUA SO 9 (2).jpg", a
// 24-digit hex id ("5bfe81ae455714ba58001422"), or an underscored name
// without spaces ("khoi_cac_co_quan_ky_giao_uoc(1)").
func isFileName(line string) bool {
	if line == "leftcenterrightdel" { // an image table's alignment buttons, scraped
		return true
	}
	for _, e := range imageExts {
		if len(line) >= len(e) && strings.EqualFold(line[len(line)-len(e):], e) {
			return true
		}
	}
	if strings.ContainsRune(line, ' ') {
		return isPhotoLabel(line)
	}
	if len(line) >= 16 && strings.Trim(line, "0123456789abcdefABCDEF") == "" {
		return true
	}
	if strings.ContainsRune(line, '_') && !strings.Contains(line, "://") && !strings.ContainsRune(line, '@') {
		return true
	}
	return false
}

// isPhotoLabel tells an ASCII photo label such as "ThiDua KhThuong NChinh
// 0401": a few words without diacritics or punctuation, ending in a number of
// three digits or more.
func isPhotoLabel(line string) bool {
	if len(line) > 60 {
		return false
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c >= utf8.RuneSelf || !(c == ' ' || c == '_' || c == '-' || isASCIIDigit(c) || ('a' <= c|0x20 && c|0x20 <= 'z')) {
			return false
		}
	}
	w := strings.Fields(line)
	if len(w) == 0 || len(w) > 6 {
		return false
	}
	last := w[len(w)-1]
	return len(last) >= 3 && strings.Trim(last, "0123456789") == ""
}

// maxCreditBytes bounds "Ảnh: <credit>" at the end of a caption.
const maxCreditBytes = 220

// maxCaptionRunes bounds a caption; longer lines are text.
const maxCaptionRunes = 600

// hasPhotoCredit tells a caption by its photo credit at the end: "... Ảnh:
// KL", "(Ảnh: Thanh Vân/TTXVN)", "Ảnh VATM", "Ảnh: Thanhtra.daklak.gov.vn".
// The credit follows the start of the line, a sentence end, "(", "-" or "|".
func hasPhotoCredit(line string) bool {
	if len(line) > 4*maxCaptionRunes {
		return false
	}
	// The credit is at most 45 runes long: look for it at the end only.
	from := max(0, len(line)-maxCreditBytes)
	tailText := line[from:]
	i := lastPhotoWord(tailText)
	if i < 0 || utf8.RuneCountInString(line) > maxCaptionRunes {
		return false
	}
	i += from
	before := strings.TrimRight(line[:i], " ")
	if before != "" {
		r, _ := utf8.DecodeLastRuneInString(before)
		if !strings.ContainsRune(".!?(-–|:;”\"", r) {
			return false
		}
		// "Bài và ảnh: Văn Trọng" is a byline, "Nguồn ảnh:" a source.
		if r == ':' {
			return false
		}
	}
	tail := strings.TrimSpace(line[i+len("Ảnh"):])
	if tail == "" {
		return false
	}
	if tail[0] == ':' {
		tail = strings.TrimSpace(tail[1:])
	} else if line[i+len("Ảnh")] != ' ' {
		return false
	}
	tail = strings.TrimRight(tail, ".)] ")
	if tail == "" || utf8.RuneCountInString(tail) > 45 || wordCount(tail) > 6 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(tail)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || (before == "" && unicode.IsLetter(r))
}

// wordCount is len(strings.Fields(s)), without the slice.
func wordCount(s string) int {
	n, inWord := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !inWord {
			n++
		}
		inWord = !space
	}
	return n
}

// lastPhotoWord returns the index of the last "Ảnh" or "ảnh" in s, or -1.
func lastPhotoWord(s string) int {
	// "Ảnh" is E1 BA A2 "nh", "ảnh" E1 BA A3 "nh": step back over the
	// bytes BA.
	for j := len(s); ; {
		k := strings.LastIndexByte(s[:j], 0xBA)
		if k < 1 {
			return -1
		}
		if s[k-1] == 0xE1 && k+3 < len(s) && (s[k+1] == 0xA2 || s[k+1] == 0xA3) && s[k+2] == 'n' && s[k+3] == 'h' {
			return k - 1
		}
		j = k
	}
}

// cleaned is a page's text split into its parts.
type cleaned struct {
	text     string
	captions []string
	footer   []string
}

// cleanLines turns the lines of a page (skip[i] marks lines the caller has
// taken, such as the title and the date line) into main text, captions and
// footer. Chrome lines are dropped; from a trailer or footer line in the
// last part of the text on, the rest is chrome (its copyright lines go to
// the footer); image file-name lines are dropped and a caption-like line
// after one goes to the captions.
func cleanLines(t textLines, skip []bool) cleaned {
	var out cleaned
	lines := t.lines
	total := 0 // bytes: the share of the text before a line
	for _, l := range lines {
		total += len(l) + 1
	}
	cut := len(lines)
	pos := 0
	for i, l := range lines {
		if k := t.kind(i); (k == lineTrailer || k == lineFooter) && float64(pos) >= trailerFrom*float64(total) {
			cut = i
			break
		}
		pos += len(l) + 1
	}
	// Footer: from the first copyright line after the cut (or anywhere, for
	// a copyright line before it) to the end of the block it starts.
	inFooter := false
	for i := cut; i < len(lines); i++ {
		k := t.kind(i)
		if k == lineFooter {
			inFooter = true
		}
		if inFooter && k != lineBlank && k != lineChrome && k != lineTrailer {
			out.footer = append(out.footer, lines[i])
		}
	}
	var b strings.Builder
	b.Grow(total)
	gap := false
	afterFile := false
	for i := 0; i < cut; i++ {
		if skip != nil && skip[i] {
			continue
		}
		switch t.kind(i) {
		case lineBlank:
			gap = true
			continue
		case lineChrome, lineTrailer:
			continue
		case lineFooter:
			out.footer = append(out.footer, lines[i])
			continue
		case lineFileName:
			afterFile = true
			continue
		case lineCaption:
			out.captions = append(out.captions, lines[i])
			afterFile = false
			continue
		}
		if afterFile {
			afterFile = false
			if looksLikeCaption(lines[i]) {
				out.captions = append(out.captions, lines[i])
				continue
			}
		}
		if b.Len() > 0 {
			if gap {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		gap = false
		b.WriteString(lines[i])
	}
	out.text = b.String()
	return out
}

// looksLikeCaption tells a line after an image file name that is its caption
// rather than the next paragraph: short, without a final full stop.
func looksLikeCaption(line string) bool {
	n := utf8.RuneCountInString(line)
	return n <= 120 && !strings.HasSuffix(line, ".")
}

// splitLines normalizes s and splits it into trimmed lines.
func splitLines(s string) []string {
	s = normalize.String(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return lines
}

// textLines are the lines of a text (splitLines) with what each is
// (classifyLine), each line classified once, when it is first asked about.
type textLines struct {
	lines []string
	kinds []lineKind // lineUnknown until classified
}

// lineUnknown marks a line not classified yet.
const lineUnknown lineKind = 0xff

// newTextLines normalizes s and splits it into its lines.
func newTextLines(s string) textLines {
	lines := splitLines(s)
	kinds := make([]lineKind, len(lines))
	for i := range kinds {
		kinds[i] = lineUnknown
	}
	return textLines{lines: lines, kinds: kinds}
}

// kind returns what line i is.
func (t textLines) kind(i int) lineKind {
	if t.kinds[i] == lineUnknown {
		t.kinds[i] = classifyLine(t.lines[i])
	}
	return t.kinds[i]
}

// The main content of an HTML page: a site rule where the markup names it
// (contentHints), else a readability-style score: every leaf block with
// enough text and few links scores 1 + its commas + its length/100 (at most
// 3), added to its parent and half to its grandparent; the element with the
// best score, discounted by its link density, is the article, with those of
// its siblings that score near it.

// nodeStats are counts over a subtree: text runes, runes inside links,
// commas, text bytes, and whether it holds a block element.
type nodeStats struct {
	text, link, commas, bytes int
	block                     bool
}

// textStats counts the non-space runes, the commas and the bytes of a text
// node, in one pass over a byte table (textBytes): a rune counts at its
// first byte; a no-break space, counted there, is taken back. plain tells
// whether the text, but for the white space at its ends, is words with
// single spaces between them, which the renderer copies as they are.
func textStats(s string) (st nodeStats, plain bool) {
	st.bytes = len(s)
	s = trimSpace(s) // its ends count for nothing
	var seen, spaces, prev uint8
	for i := 0; i < len(s); i++ {
		c := textBytes[s[i]]
		st.text += int(c & textRune)
		st.commas += int(c&textComma) >> 1
		seen |= c
		spaces |= prev & c // two spaces in a row
		prev = c & textSpace
	}
	if seen&textC2 != 0 {
		st.text -= strings.Count(s, "\u00a0")
	}
	return st, seen&textFold == 0 && spaces == 0
}

// asciiSpace is the white space that the renderer folds into one space,
// with U+00A0.
const asciiSpace = " \n\t\r"

// trimSpace is strings.Trim(s, asciiSpace), without building the set.
func trimSpace(s string) string {
	i, j := 0, len(s)
	for i < j && isASCIISpace(s[i]) {
		i++
	}
	for j > i && isASCIISpace(s[j-1]) {
		j--
	}
	return s[i:j]
}

func isASCIISpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// What textBytes says of a byte.
const (
	textRune  = 1 << iota // it starts a rune other than ASCII white space
	textComma             // ','
	textC2                // 0xC2, the first byte of U+00A0 (no-break space)
	textSpace             // ' '
	textFold              // '\n', '\t', '\r', 0xC2 or a control: writeText folds or checks it
)

var textBytes = func() (t [256]uint8) {
	for c := range t {
		if utf8.RuneStart(byte(c)) && !strings.ContainsRune(asciiSpace, rune(c)) {
			t[c] = textRune
		}
		if !plainBytes[c] && c != ' ' {
			t[c] |= textFold
		}
	}
	t[','] |= textComma
	t[0xc2] |= textC2
	t[' '] |= textSpace
	return t
}()

// isBlock tells the elements that break lines.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Dd,
		atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption,
		atom.Figure, atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3,
		atom.H4, atom.H5, atom.H6, atom.Header, atom.Hr, atom.Li,
		atom.Main, atom.Nav, atom.Ol, atom.P, atom.Pre, atom.Section,
		atom.Table, atom.Tbody, atom.Td, atom.Th, atom.Thead, atom.Tr,
		atom.Ul, atom.Center, atom.Body, atom.Caption:
		return true
	}
	return false
}

// isPara tells the leaf blocks that score.
func isPara(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Pre, atom.Td, atom.Blockquote, atom.Li, atom.Dd,
		atom.Div, atom.Section, atom.Article, atom.Center:
		return true
	}
	return false
}

// contentHints name the article body in the class or id of the sites we
// crawl: SharePoint portals (ms-rtestate-field), newspapers' CMSs, WordPress.
var contentHints = [...]string{
	"ms-rtestate-field", "articlebody", "article-body", "article__body", "article-content",
	"detail-content", "content-detail", "detail__content", "news-content", "newscontent",
	"entry-content", "post-content", "fck_detail", "singular-content", "cms-body", "news-detail",
	"newsdetail", "content_detail", "detail_content", "noidungchitiet", "chitiettin",
}

// chromeHints name navigation, related lists, comments and sharing in a class
// or id.
var chromeHints = [...]string{
	"related", "relate", "lienquan", "lien-quan", "tinkhac", "tin-khac", "cung-chuyen-muc",
	"comment", "binhluan", "binh-luan", "share", "social", "breadcrumb", "sidebar", "navbar",
	"menu", "banner", "advert", "quangcao", "ribbon", "toolbar", "rating", "counter", "thongke",
	"tags", "keyword", "search", "login", "pagination", "paging",
}

// footerHints name the site footer.
var footerHints = [...]string{"footer", "copyright", "bottom"}

// captionHints name photo captions.
var captionHints = [...]string{"caption", "image_desc", "img-desc", "image-desc", "photo-desc", "chuthich"}

// hintSet says which of the hint lists a class or id names.
type hintSet uint8

const (
	hintFooter  hintSet = 1 << iota // footerHints
	hintChrome                      // chromeHints
	hintContent                     // contentHints
	hintTitle                       // titleHints
	hintLead                        // leadHints
	hintCaption                     // captionHints
)

// hintsOf returns the hint lists that n's class or id names.
func hintsOf(n *html.Node) hintSet {
	var class, id string
	for _, a := range n.Attr {
		switch a.Key {
		case "class":
			class = a.Val
		case "id":
			id = a.Val
		}
	}
	// No hint holds a space: class and id can be matched apart.
	return matchHints(class) | matchHints(id)
}

// matchHints returns the hint lists that name s, in any case, in one pass
// over s: at each byte, the hints that start with it (hintsByByte).
func matchHints(s string) hintSet {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			s = strings.ToLower(s) // beyond ASCII, lower case is Unicode's
			break
		}
	}
	var h hintSet
	for i := 0; i < len(s); i++ {
		for _, e := range hintsByByte[lowerASCII(s[i])] {
			if h&e.set == 0 && hasLowerPrefix(s[i:], e.word) {
				h |= e.set
			}
		}
	}
	return h
}

// hintsByByte indexes the hints by their first byte.
var hintsByByte = func() (t [256][]struct {
	word string
	set  hintSet
}) {
	for i, list := range [...][]string{footerHints[:], chromeHints[:], contentHints[:], titleHints[:], leadHints[:], captionHints[:]} {
		for _, w := range list {
			t[w[0]] = append(t[w[0]], struct {
				word string
				set  hintSet
			}{w, 1 << i})
		}
	}
	return t
}()

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// hasLowerPrefix tells whether s, its ASCII letters lower-cased, starts
// with prefix.
func hasLowerPrefix(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if lowerASCII(s[i]) != prefix[i] {
			return false
		}
	}
	return true
}

func hasAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// blockScores holds the scores of one page's candidate blocks.
type blockScores struct {
	score  map[*html.Node]float64
	stats  map[*html.Node]nodeStats
	order  []*html.Node // candidates in the order they first scored
	hinted []*html.Node // elements that contentHints name
}

func newBlockScores() blockScores {
	return blockScores{score: map[*html.Node]float64{}, stats: map[*html.Node]nodeStats{}}
}

func (b *blockScores) hint(n *html.Node) { b.hinted = append(b.hinted, n) }

func (b *blockScores) add(n *html.Node, v float64) {
	if _, ok := b.score[n]; !ok {
		b.order = append(b.order, n)
	}
	b.score[n] += v
}

// Thresholds of a scoring paragraph.
const (
	minParaRunes   = 25
	maxParaLinkDen = 0.33
)

// visit is called when the walk leaves n, with n's subtree counts.
func (b *blockScores) visit(n *html.Node, st nodeStats, hasBlock, chrome bool) {
	if n.Type != html.ElementNode {
		return
	}
	if _, ok := b.score[n]; ok {
		b.stats[n] = st
	} else if len(b.hinted) > 0 && b.hinted[len(b.hinted)-1] == n {
		b.stats[n] = st
	} else {
		for _, h := range b.hinted {
			if h == n {
				b.stats[n] = st
			}
		}
	}
	if chrome || hasBlock || !isPara(n.DataAtom) {
		return
	}
	if st.text < minParaRunes || float64(st.link) > maxParaLinkDen*float64(st.text) {
		return
	}
	b.stats[n] = st
	v := 1 + float64(st.commas) + min(float64(st.text)/100, 3)
	if p := n.Parent; p != nil && p.Type == html.ElementNode {
		b.add(p, v)
		if g := p.Parent; g != nil && g.Type == html.ElementNode {
			b.add(g, v/2)
		}
	}
}

func linkDensity(st nodeStats) float64 {
	if st.text == 0 {
		return 1
	}
	return float64(st.link) / float64(st.text)
}

// minHintedRunes is the text a site-named body needs to be trusted.
const minHintedRunes = 150

// pick returns the elements that hold the article, in document order.
func (b *blockScores) pick(root *html.Node) (out []*html.Node) {
	var best *html.Node
	bestScore := 0.0
	for _, n := range b.order {
		v := b.score[n] * (1 - linkDensity(b.stats[n]))
		if v > bestScore {
			best, bestScore = n, v
		}
	}
	var hinted *html.Node
	for _, h := range b.hinted {
		st := b.stats[h]
		if st.text >= minHintedRunes && linkDensity(st) < 0.5 && (hinted == nil || st.text > b.stats[hinted].text) {
			hinted = h
		}
	}
	if hinted != nil && (best == nil || b.stats[hinted].text*4 >= b.stats[best].text) {
		return withLead([]*html.Node{hinted})
	}
	if best == nil {
		if body := findBody(root); body != nil {
			return []*html.Node{body}
		}
		return []*html.Node{root}
	}
	if best.Parent == nil {
		return []*html.Node{best}
	}
	defer func() { out = withLead(out) }()
	// Siblings that score near the best, or plain paragraphs beside it.
	for c := best.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c == best {
			out = append(out, c)
			continue
		}
		st, ok := b.stats[c]
		if !ok || linkDensity(st) > 0.25 {
			continue
		}
		if b.score[c]*(1-linkDensity(st)) >= 0.2*bestScore || (c.DataAtom == atom.P && st.text >= 80) {
			out = append(out, c)
		}
	}
	return out
}

// leadHints name the lead paragraph (sapo) that many CMSs keep apart from
// the body.
var leadHints = [...]string{"sapo", "lead", "summary", "tomtat", "chapeau", "description"}

// withLead puts before nodes the lead paragraph among the earlier siblings
// of the first.
func withLead(nodes []*html.Node) []*html.Node {
	if len(nodes) == 0 {
		return nodes
	}
	for c := nodes[0].PrevSibling; c != nil; c = c.PrevSibling {
		if c.Type == html.ElementNode && hintsOf(c)&hintLead != 0 {
			return append([]*html.Node{c}, nodes...)
		}
	}
	return nodes
}

func findBody(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == atom.Body {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if b := findBody(c); b != nil {
			return b
		}
	}
	return nil
}

// renderer writes the text of a subtree: paragraphs for blocks, lines for
// <br>, captions apart.
type renderer struct {
	b          textBuf
	scan       *htmlScan  // the page's walk, which found the text nodes to fold (htmlScan.folded); nil folds all
	captions   *[]string  // where captions go; nil renders them inline
	skip       *html.Node // the headline, already taken
	limit      int        // stop after this many bytes (0: no limit)
	keepChrome bool       // render chrome-classed subtrees too (for the footer)
}

// render renders the main content: its text, with captions appended to
// captions and the headline element left out.
func (s *htmlScan) render(nodes []*html.Node, headline *html.Node, captions *[]string) string {
	r := renderer{scan: s, captions: captions, skip: headline}
	size := 0
	for _, n := range nodes {
		size += s.blocks.stats[n].bytes
	}
	r.b.b.Grow(size)
	for _, n := range nodes {
		r.node(n)
		r.para()
	}
	return r.b.text()
}

// para ends a paragraph: a blank line follows.
func (r *renderer) para() {
	r.b.newline()
	r.b.newline()
}

// textBuf collects rendered text with its white space already folded the
// way normalize.String folds it (one space between words, none at a line's
// start or end, at most one blank line in a row, none at the start or end of
// the text), so that the normalizer takes its fast path. A space is written
// only when a word follows it, so the text is never cut back.
type textBuf struct {
	b     strings.Builder
	space bool // a space is due before the next word
	nl    int  // line breaks at the end of b
}

func (b *textBuf) Len() int { return b.b.Len() }

// text returns the text, without its final line breaks.
func (b *textBuf) text() string {
	s := b.b.String()
	return s[:len(s)-b.nl]
}

// writeText appends the text of an HTML text node: every run of white space
// in it (line breaks and no-break spaces too) becomes one space.
func (b *textBuf) writeText(s string) {
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case isASCIISpace(c):
			b.space = true
			i++
		case c == 0xc2 && i+1 < len(s) && s[i+1] == 0xa0: // U+00A0
			b.space = true
			i += 2
		default: // words up to the next space that needs folding, at once
			j := i + 1
			for j < len(s) {
				if plainBytes[s[j]] {
					j++
				} else if s[j] == ' ' && j+1 < len(s) && plainBytes[s[j+1]] {
					j += 2
				} else {
					break
				}
			}
			b.words(s[i:j])
			i = j
		}
	}
}

// writePlain is writeText for text that textStats found plain: its words go
// in at once.
func (b *textBuf) writePlain(s string) {
	w := trimSpace(s)
	if len(w) < len(s) && s[0] <= ' ' {
		b.space = true
	}
	if w != "" {
		b.words(w)
		b.space = s[len(s)-1] <= ' '
	}
}

// words appends words, after the space due before them.
func (b *textBuf) words(w string) {
	if b.space && b.nl == 0 && b.b.Len() > 0 {
		b.b.WriteByte(' ')
	}
	b.space = false
	b.b.WriteString(w)
	b.nl = 0
}

// plainBytes are the bytes that writeText copies as they are: not ASCII
// white space or control, nor the first byte of a no-break space.
var plainBytes = func() (t [256]bool) {
	for c := range t {
		t[c] = c > ' ' && c != 0xc2
	}
	return t
}()

// newline ends the line: none at the start of the text, no third one in a
// row.
func (b *textBuf) newline() {
	b.space = false
	if b.b.Len() == 0 || b.nl == 2 {
		return
	}
	b.b.WriteByte('\n')
	b.nl++
}

func (r *renderer) node(n *html.Node) {
	if r.limit > 0 && r.b.Len() >= r.limit {
		return
	}
	switch n.Type {
	case html.TextNode:
		if r.scan != nil && !r.scan.folded[n] && (n.Parent == nil || !textless(n.Parent.DataAtom)) {
			r.b.writePlain(n.Data) // the walk read it and found nothing to fold
		} else {
			r.b.writeText(n.Data)
		}
		return
	case html.ElementNode:
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			r.node(c)
		}
		return
	default:
		return
	}
	if n == r.skip {
		return
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Iframe, atom.Object,
		atom.Button, atom.Select, atom.Textarea, atom.Input, atom.Head, atom.Img:
		return
	case atom.Nav, atom.Aside, atom.Footer:
		if !r.keepChrome {
			return
		}
	case atom.Br:
		r.b.newline()
		return
	case atom.Figcaption:
		if r.captions != nil {
			r.caption(n)
			return
		}
	}
	if h := hintsOf(n); h != 0 {
		if !r.keepChrome && h&(hintChrome|hintFooter) != 0 {
			return
		}
		if r.captions != nil && h&hintCaption != 0 {
			r.caption(n)
			return
		}
	}
	block := isBlock(n.DataAtom)
	if block {
		r.para()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.node(c)
	}
	if block {
		r.para()
	}
}

// caption renders n apart and keeps it as a caption.
func (r *renderer) caption(n *html.Node) {
	c := renderer{scan: r.scan}
	c.node(n)
	if s := cleanCaption(c.b.text()); s != "" {
		*r.captions = append(*r.captions, s)
	}
}
