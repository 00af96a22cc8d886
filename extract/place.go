package extract

import (
	"sort"
	"strings"
	"sync"
)

// provinceKey is a folded written form of a province's name.
type provinceKey struct {
	key  string
	name string
	bare bool // may stand without "tỉnh"/"thành phố" before it
}

// provinceKeys lists every written form, longest first.
var provinceKeys = sync.OnceValue(func() []provinceKey {
	var ks []provinceKey
	for _, p := range Provinces {
		// "Hồ Chí Minh" alone is the president's name, far more often than
		// the city's; the city reads "thành phố Hồ Chí Minh" or "TP.HCM".
		bare := p.Name != "Hồ Chí Minh" && p.Name != "Hòa Bình" && p.Name != "Thái Bình"
		ks = append(ks, provinceKey{foldName(p.Name), p.Name, bare})
		for _, a := range p.Aliases {
			ks = append(ks, provinceKey{foldName(a), p.Name, bare || strings.Contains(a, "HCM")})
		}
	}
	sort.SliceStable(ks, func(i, j int) bool { return len(ks[i].key) > len(ks[j].key) })
	return ks
})

// provinceByWord indexes provinceKeys by their first word, longest first.
var provinceByWord = sync.OnceValue(func() map[string][]provinceKey {
	m := map[string][]provinceKey{}
	for _, k := range provinceKeys() {
		w, _, _ := strings.Cut(k.key, " ")
		m[w] = append(m[w], k)
	}
	return m
})

// provinceAt returns the province whose name starts at key offset p.
func provinceAt(t *text, p int) (string, int, bool) {
	key := t.key
	if p >= len(key) || !isWordByte(key[p]) {
		return "", p, false
	}
	w, _ := nextWord(key, p)
	for _, k := range provinceByWord()[w] {
		if end, ok := matchLoose(key, p, k.key); ok {
			return k.name, end, true
		}
	}
	return "", p, false
}

// matchLoose matches a gazetteer key (words joined by single spaces) at key
// offset p, where the text may join the words with dashes, dots or several
// spaces ("Bà Rịa - Vũng Tàu", "TP.HCM"). It returns the end of the match.
func matchLoose(key string, p int, want string) (int, bool) {
	q := p
	for i := 0; i < len(want); i++ {
		if want[i] == ' ' {
			n := q
			for n < len(key) {
				if c := key[n]; c == ' ' || c == '-' || c == '.' {
					n++
				} else if strings.HasPrefix(key[n:], "–") || strings.HasPrefix(key[n:], "—") {
					n += len("–")
				} else {
					break
				}
			}
			if n == q {
				return p, false
			}
			q = n
			continue
		}
		if q >= len(key) || key[q] != want[i] {
			return p, false
		}
		q++
	}
	if q < len(key) && isWordByte(key[q]) {
		return p, false
	}
	return q, true
}

// adminWords stand before a province's name.
var adminWords = []string{"tinh ", "thanh pho ", "tp. ", "tp.", "tp "}

// adminFirst holds the first bytes of adminWords.
var adminFirst = func() (tab [256]bool) {
	for _, a := range adminWords {
		tab[a[0]] = true
	}
	return tab
}()

// provinceAfter reads "tỉnh X", "thành phố X" or "X" at key offset p.
func provinceAfter(t *text, p int) (string, bool) {
	key := t.key
	p = skipSpaces(key, p)
	for _, a := range adminWords {
		if strings.HasPrefix(key[p:], a) {
			if name, _, ok := provinceAt(t, skipSpaces(key, p+len(a))); ok {
				return name, true
			}
			break
		}
	}
	// "TP.HCM", or a name with no word before it.
	name, _, ok := provinceAt(t, p)
	return name, ok
}

// districtAfter reports whether a district-level word follows key offset p
// ("Khối thi đua Nội chính huyện Khánh Sơn").
func districtAfter(t *text, p int) bool {
	key := t.key
	p = skipSpaces(key, p)
	for _, w := range []string{"huyen ", "quan ", "thi xa ", "thi tran "} {
		if strings.HasPrefix(key[p:], w) {
			return true
		}
	}
	if strings.HasPrefix(key[p:], "thanh pho ") {
		_, ok := provinceAfter(t, p)
		return !ok
	}
	return false
}

// findProvince decides the province: the name that follows the bloc's
// name, then a "Province: headline" title, then the site's host, then the
// province the text names most ("tỉnh X", "Công an tỉnh X", a bare name).
// In the page footer (from key offset footer on) only "tỉnh X" counts: a
// national site's footer gives its own address ("Ba Đình, Hà Nội").
func findProvince(t *text, blocs []blocMention, titleEnd, footer int, pageURL string) (string, span, bool) {
	for _, b := range blocs {
		if b.noiChinh || b.number != "" {
			if name, ok := provinceAfter(t, b.span.end); ok {
				return name, b.span, true
			}
		}
	}
	// "Vĩnh Phúc: Các cơ quan Khối Nội chính ..."
	if c := strings.IndexByte(t.key[:titleEnd], ':'); c > 0 {
		if name, end, ok := provinceAt(t, 0); ok && end == c {
			return name, span{0, c}, true
		}
	}
	if name := ProvinceFromHost(pageURL); name != "" {
		return name, span{}, true
	}
	counts := map[string]int{}
	first := map[string]span{}
	key := t.key
	for i := 0; i < len(key); i++ {
		if i > 0 && isWordByte(key[i-1]) || !isWordByte(key[i]) {
			continue
		}
		admin := false
		p := i
		if adminFirst[key[i]] {
			for _, a := range adminWords {
				if strings.HasPrefix(key[i:], a) {
					admin, p = true, skipSpaces(key, i+len(a))
					break
				}
			}
		}
		if !admin && !t.upperAt(i) {
			continue
		}
		name, end, ok := provinceAt(t, p)
		if !ok {
			continue
		}
		if !admin && (i >= footer || !bareOK(name, key[p:end])) {
			continue
		}
		if _, ok := first[name]; !ok {
			first[name] = span{i, end}
		}
		counts[name]++
		i = end
	}
	best := ""
	for name, n := range counts {
		if best == "" || n > counts[best] || n == counts[best] && first[name].start < first[best].start {
			best = name
		}
	}
	if best == "" {
		return "", span{}, false
	}
	return best, first[best], true
}

// bareOK reports whether a province name found without "tỉnh" counts.
func bareOK(name, written string) bool {
	for _, k := range provinceKeys() {
		if k.name == name && k.key == foldName(written) {
			return k.bare
		}
	}
	return true
}
