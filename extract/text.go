package extract

import (
	"bytes"
	"iter"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/thidua/thidua/normalize"
)

// text is an article's normalized text prepared for the field rules: the
// text itself, its folded match key and the sentences. Rules search the
// folded key (lower case, no diacritics, đ → d) with plain string search and
// read values back from the text at the same place.
//
// The key has one rune for each rune of the text but not one byte for each
// byte, so positions are kept as byte offsets into the key ("key offsets")
// and translated to the text, or to rune offsets for evidence, through the
// list of the text's wide runes: an ASCII rune is one byte in the text and
// in the key, so between two wide runes the three offsets advance together.
type text struct {
	src string // normalized text
	key string // folded key of src

	wide  []wideRune // the runes that are not ASCII, in text order
	upper []byte     // key byte offset → 1 where the text's rune there is upper case

	sents []span // sentences, as key offsets

	tables *textTables // the buffers behind wide and upper

	// hits are the occurrences of every cue phrase (cuePhrases), found in
	// one pass over the words and read by each rule for its own tag.
	hits []phraseHit
}

// span is a half-open range of key offsets.
type span struct{ start, end int }

// wideRune is a rune of the text that is not one ASCII byte: where it is
// (its rune index, text and key byte offsets: at[atRune], at[atSrc],
// at[atKey]) and its length in the text and in the key.
type wideRune struct {
	at             [3]int32
	srcLen, keyLen uint8
}

// Indexes of wideRune.at.
const (
	atRune = iota
	atSrc
	atKey
)

func newText(src string) *text {
	t := &text{src: src}
	b := textBufs.Get().(*textTables)
	t.tables = b
	wide := b.wide[:0]
	// The key and its case table are written by index, sized for a key as
	// long as the text; a rune that folds to a longer one grows them.
	key := grow(b.key, len(src)+1)
	upper := grow(b.upper, len(src)+1)
	fold := foldTable()
	// The key's words are hashed as they are written, and those that
	// begin a cue phrase noted, so that the cue pass needs no scan of
	// its own (phraseSet.find is the same search as a pass of its own).
	ps := cuePhrases()
	starts := b.starts[:0]
	wstart, h := -1, uint32(0)
	n := 0 // key bytes written
	for ri, i := 0, 0; i < len(src); ri++ {
		if src[i] < utf8.RuneSelf {
			// A run of ASCII: one byte a rune in the text and in the
			// key; words are tracked as for a folded letter below. (The
			// two copies are on purpose: a method holding the word state
			// is over the inlining budget and moves that state to the
			// heap, in the loop that runs once per byte of every page.)
			j := i
			for ; j < len(src) && src[j] < utf8.RuneSelf; j++ {
				k := asciiKey[src[j]]
				key[n], upper[n] = k, asciiUpper[src[j]]
				if wordBytes[k] {
					if wstart < 0 {
						wstart, h = n, fnvOffset
					}
					h = (h ^ uint32(k)) * fnvPrime
				} else if wstart >= 0 {
					starts = ps.byWord.note(starts, key[:n], wstart, h)
					wstart = -1
				}
				n++
			}
			ri += j - i - 1
			i = j
			continue
		}
		r, size := decodeRune(src, i)
		f, isUp := foldUpper(fold, r)
		var up byte
		if isUp {
			up = 1
		}
		if f >= utf8.RuneSelf { // punctuation or another script: not a word
			kl := utf8.RuneLen(f)
			wide = append(wide, wideRune{at: [3]int32{int32(ri), int32(i), int32(n)}, srcLen: uint8(size), keyLen: uint8(kl)})
			i += size
			if wstart >= 0 {
				starts = ps.byWord.note(starts, key[:n], wstart, h)
				wstart = -1
			}
			// A rune may fold to a longer one (an invalid byte to
			// U+FFFD, "Ⱥ" to "ⱥ"): keep room for the rest.
			if need := n + kl + len(src) - i + 1; need > len(key) {
				key = append(key, make([]byte, need-len(key))...)
				upper = append(upper, make([]byte, need-len(upper))...)
			}
			utf8.EncodeRune(key[n:], f)
			upper[n] = up
			for j := 1; j < kl; j++ {
				upper[n+j] = 0
			}
			n += kl
			continue
		}
		wide = append(wide, wideRune{at: [3]int32{int32(ri), int32(i), int32(n)}, srcLen: uint8(size), keyLen: 1})
		i += size
		k := byte(f)
		key[n], upper[n] = k, up
		if wordBytes[k] {
			if wstart < 0 {
				wstart, h = n, fnvOffset
			}
			h = (h ^ uint32(k)) * fnvPrime
		} else if wstart >= 0 {
			starts = ps.byWord.note(starts, key[:n], wstart, h)
			wstart = -1
		}
		n++
	}
	if wstart >= 0 {
		starts = ps.byWord.note(starts, key[:n], wstart, h)
	}
	upper[n] = 0
	b.wide, b.upper, b.key, b.starts = wide, upper, key, starts
	t.wide, t.upper = wide, upper[:n+1]
	t.key = string(key[:n])
	t.sents = t.splitSentences(b.sents[:0])
	b.sents = t.sents
	t.hits = ps.appendMatches(b.hits[:0], t.key, starts)
	b.hits = t.hits
	return t
}

// asciiKey and asciiUpper fold an ASCII byte and tell an upper-case one.
var asciiKey, asciiUpper = func() (key, upper [utf8.RuneSelf]byte) {
	for c := range key {
		key[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			key[c], upper[c] = byte(c+'a'-'A'), 1
		}
	}
	return key, upper
}()

// textTables are the buffers behind a text's tables, kept for the next text
// (a page's tables are some ten times its size).
type textTables struct {
	wide   []wideRune
	upper  []byte
	key    []byte
	starts []wordStart
	hits   []phraseHit
	sents  []span
}

var textBufs = sync.Pool{New: func() any { return new(textTables) }}

// release hands the text's tables back for reuse; t must not be used after.
func (t *text) release() {
	if t.tables != nil {
		textBufs.Put(t.tables)
		t.tables, t.wide, t.upper, t.hits, t.sents = nil, nil, nil, nil, nil
	}
}

// grow returns s with length n, reusing its array when large enough; the
// contents are not cleared.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// decodeRune decodes the non-ASCII rune at s[i]: the two- and three-byte
// forms of the Latin letters and punctuation inline, the rest through
// utf8.DecodeRuneInString.
func decodeRune(s string, i int) (rune, int) {
	c := s[i]
	switch {
	case c&0xE0 == 0xC0 && c >= 0xC2 && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
		return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), 2
	case c&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
		r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
			return r, 3
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

// foldTable holds normalize.FoldRune and unicode.IsUpper for the runes of
// Vietnamese text (Latin letters, combining marks, general punctuation):
// the fold in the low 15 bits, upper case in the top bit.
var foldTable = sync.OnceValue(func() *[0x2100]uint16 {
	var tab [0x2100]uint16
	for r := range tab {
		f := normalize.FoldRune(rune(r))
		if f >= 0x8000 {
			f = 0 // not kept: foldUpper asks FoldRune again
		}
		tab[r] = uint16(f)
		if unicode.IsUpper(rune(r)) {
			tab[r] |= 0x8000
		}
	}
	return &tab
})

// foldUpper returns the fold of r and whether r is upper case; fold is
// foldTable().
func foldUpper(fold *[0x2100]uint16, r rune) (rune, bool) {
	if r < 0x2100 {
		if v := fold[r]; v&0x7FFF != 0 || r == 0 {
			return rune(v & 0x7FFF), v&0x8000 != 0
		}
	}
	return normalize.FoldRune(r), unicode.IsUpper(r)
}

// upperAt reports whether the text's rune at key offset i is upper case.
func (t *text) upperAt(i int) bool { return i < len(t.upper) && t.upper[i] != 0 }

// nextUpper returns the first key offset at or after i where the text's rune
// is upper case, or -1.
func (t *text) nextUpper(i int) int {
	if i >= len(t.upper) {
		return -1
	}
	j := bytes.IndexByte(t.upper[i:], 1)
	if j < 0 {
		return -1
	}
	return i + j
}

// wideBefore returns the last wide rune whose offset at[k] is at most v,
// or nil when none is.
func (t *text) wideBefore(k, v int) *wideRune {
	lo, hi := 0, len(t.wide)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(t.wide[m].at[k]) <= v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == 0 {
		return nil
	}
	return &t.wide[lo-1]
}

// runeOf returns the rune index of key offset b (the rune that holds it).
func (t *text) runeOf(b int) int {
	w := t.wideBefore(atKey, b)
	if w == nil {
		return b
	}
	if end := int(w.at[atKey]) + int(w.keyLen); b >= end {
		return int(w.at[atRune]) + 1 + b - end
	}
	return int(w.at[atRune])
}

// srcAt returns the text byte offset of rune index r (len(src) for the
// rune count).
func (t *text) srcAt(r int) int {
	w := t.wideBefore(atRune, r)
	switch {
	case w == nil:
		return r
	case r == int(w.at[atRune]):
		return int(w.at[atSrc])
	}
	return int(w.at[atSrc]) + int(w.srcLen) + r - int(w.at[atRune]) - 1
}

// keyAt returns the key offset of the first rune that starts at or after
// text byte offset b.
func (t *text) keyAt(b int) int {
	w := t.wideBefore(atSrc, b)
	if w == nil {
		return b
	}
	switch end := int(w.at[atSrc]) + int(w.srcLen); {
	case b == int(w.at[atSrc]):
		return int(w.at[atKey])
	case b < end: // inside the rune: the next one
		return int(w.at[atKey]) + int(w.keyLen)
	default:
		return int(w.at[atKey]) + int(w.keyLen) + b - end
	}
}

// srcOf returns the text under a key span.
func (t *text) srcOf(s span) string {
	return t.src[t.srcAt(t.runeOf(s.start)):t.srcAt(t.runeOf(s.end))]
}

// evidence returns the evidence for a key span: rune offsets, the exact
// text and the sentence around it.
func (t *text) evidence(s span) Evidence {
	ev := Evidence{Start: t.runeOf(s.start), End: t.runeOf(s.end), Text: t.srcOf(s)}
	if se, ok := t.sentenceOf(s.start); ok && (se.start != s.start || se.end != s.end) {
		ev.Sentence = strings.TrimSpace(t.srcOf(se))
	}
	return ev
}

// sentenceOf returns the sentence holding key offset i.
func (t *text) sentenceOf(i int) (span, bool) {
	lo, hi := 0, len(t.sents)
	for lo < hi {
		m := (lo + hi) / 2
		if t.sents[m].end <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(t.sents) && t.sents[lo].start <= i {
		return t.sents[lo], true
	}
	return span{}, false
}

// splitSentences cuts the key into sentences, appended to out: at line ends, and after ".",
// "!" or "?" and a space unless the dot belongs to an initial ("T. Văn")
// or "TP.". A line that a scraper wrapped in the middle of a sentence (a
// long line with no final punctuation, the next one starting in lower
// case) goes on into the next line.
func (t *text) splitSentences(out []span) []span {
	key := t.key
	start, lineStart := 0, 0
	emit := func(end int) {
		s, e := start, end
		for s < e && (key[s] == ' ' || key[s] == '\n') {
			s++
		}
		for e > s && (key[e-1] == ' ' || key[e-1] == '\n') {
			e--
		}
		if e > s {
			out = append(out, span{s, e})
		}
	}
	for i := 0; i < len(key); i++ {
		if !sentenceMarks[key[i]] {
			continue
		}
		switch key[i] {
		case '\n':
			if !t.wrapped(lineStart, i) {
				emit(i)
				start = i + 1
			}
			lineStart = i + 1
		case '.', '!', '?':
			if i+1 < len(key) && key[i+1] == ' ' && !shortWordBefore(key, i) {
				emit(i + 1)
				start = i + 1
			}
		}
	}
	emit(len(key))
	return out
}

// sentenceMarks are the bytes splitSentences stops at.
var sentenceMarks = [256]bool{'\n': true, '.': true, '!': true, '?': true}

// wrapped reports whether the line [lineStart, nl) was cut by a hard wrap:
// at least 50 bytes, ending in a word or a comma, and a word next on the
// following line (a blank line always ends the sentence).
func (t *text) wrapped(lineStart, nl int) bool {
	key := t.key
	if nl-lineStart < 50 || nl+1 >= len(key) {
		return false
	}
	last := key[nl-1]
	if !isWordByte(last) && last != ',' {
		return false
	}
	return isWordByte(key[nl+1])
}

// shortWordBefore reports whether the dot at i follows a one-letter word
// (an initial such as "T. Văn") or "tp"/"đ/c", which do not end sentences.
func shortWordBefore(key string, i int) bool {
	j := i
	for j > 0 && isWordByte(key[j-1]) {
		j--
	}
	w := key[j:i]
	return len(w) == 1 || w == "tp" || w == "ths" || w == "ts" || w == "pgs"
}

// indexWord finds the next occurrence of the folded phrase w in key at or
// after from, on word boundaries; -1 when there is none.
func indexWord(key, w string, from int) int {
	for from <= len(key) {
		i := strings.Index(key[from:], w)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(w)
		if (i == 0 || !isWordByte(key[i-1])) && (end == len(key) || !isWordByte(key[end])) {
			return i
		}
		from = i + 1
	}
	return -1
}

// hasWord reports whether the folded phrase w occurs in s on word boundaries.
func hasWord(s, w string) bool { return indexWord(s, w, 0) >= 0 }

// countWords counts the words of a folded key span (runs of ASCII letters
// and digits).
func countWords(s string) int {
	n := 0
	in := false
	for i := 0; i < len(s); i++ {
		w := isWordByte(s[i])
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// nextWord returns the word starting at or after i and where it ends.
func nextWord(key string, i int) (string, int) {
	for i < len(key) && !isWordByte(key[i]) {
		i++
	}
	j := i
	for j < len(key) && isWordByte(key[j]) {
		j++
	}
	return key[i:j], j
}

// prevWord returns the word ending at or before i and where it starts.
func prevWord(key string, i int) (string, int) {
	for i > 0 && !isWordByte(key[i-1]) {
		i--
	}
	j := i
	for j > 0 && isWordByte(key[j-1]) {
		j--
	}
	return key[j:i], j
}

// phraseSet finds many folded phrases in one pass over a key's words: the
// phrases are indexed by their first word, so each word of the text costs
// one map lookup and a few prefix comparisons.
type phraseSet struct {
	phrases []string
	tags    []int // tag of each phrase (its table, for the caller)
	base    []int // index of each table's first phrase
	byWord  wordIndex
}

// phraseHit is one occurrence of phrase number idx.
type phraseHit struct {
	idx, tag int
	at       span
}

// newPhraseSet indexes phrase tables; a phrase's tag is its table's index.
func newPhraseSet(tables ...[]string) *phraseSet {
	ps := &phraseSet{}
	byWord := map[string][]int{}
	for tag, table := range tables {
		ps.base = append(ps.base, len(ps.phrases))
		for _, p := range table {
			w, _, _ := strings.Cut(p, " ")
			byWord[w] = append(byWord[w], len(ps.phrases))
			ps.phrases = append(ps.phrases, p)
			ps.tags = append(ps.tags, tag)
		}
	}
	ps.byWord = newWordIndex(byWord)
	return ps
}

// wordStart is a word of a text that begins some phrases: its key offset
// and its slot in the word index.
type wordStart struct{ at, slot int32 }

// appendMatches appends to hits the hits of the phrases that begin at the
// noted words (newText's starts), in text order.
func (ps *phraseSet) appendMatches(hits []phraseHit, key string, starts []wordStart) []phraseHit {
	for _, w := range starts {
		i := int(w.at)
		for _, k := range ps.byWord.slots[w.slot].ids {
			p := ps.phrases[k]
			if strings.HasPrefix(key[i:], p) && (i+len(p) == len(key) || !isWordByte(key[i+len(p)])) {
				hits = append(hits, phraseHit{idx: k, tag: ps.tags[k], at: span{i, i + len(p)}})
			}
		}
	}
	return hits
}

// wordIndex maps words to lists of ints: an open-addressing table on the
// FNV-1a hash that the scan over a text's words computes as it goes, which
// spares a map's own hashing of every word of the text.
type wordIndex struct {
	mask  uint32
	slots []wordSlot
}

type wordSlot struct {
	hash uint32
	word string // "" for an empty slot
	ids  []int
}

// FNV-1a, 32 bits.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func hashWord(w string) uint32 {
	h := uint32(fnvOffset)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * fnvPrime
	}
	return h
}

// newWordIndex builds the table at most a quarter full.
func newWordIndex(m map[string][]int) wordIndex {
	size := 16
	for size < 4*len(m) {
		size *= 2
	}
	x := wordIndex{mask: uint32(size - 1), slots: make([]wordSlot, size)}
	for w, ids := range m {
		h := hashWord(w)
		i := h & x.mask
		for x.slots[i].word != "" {
			i = (i + 1) & x.mask
		}
		x.slots[i] = wordSlot{hash: h, word: w, ids: ids}
	}
	return x
}

// lookup returns the ints of word w, whose hash is h.
func (x *wordIndex) lookup(w string, h uint32) []int {
	for i := h & x.mask; ; i = (i + 1) & x.mask {
		s := &x.slots[i]
		if s.word == "" {
			return nil
		}
		if s.hash == h && s.word == w {
			return s.ids
		}
	}
}

// note appends the word key[start:] (hash h) to starts when it is in the
// index.
func (x *wordIndex) note(starts []wordStart, key []byte, start int, h uint32) []wordStart {
	w := key[start:]
	for i := h & x.mask; ; i = (i + 1) & x.mask {
		s := &x.slots[i]
		if s.word == "" {
			return starts
		}
		if s.hash == h && s.word == string(w) {
			return append(starts, wordStart{at: int32(start), slot: int32(i)})
		}
	}
}

// Tags of the cue tables in cuePhrases.
const (
	tagSigning = iota
	tagLaunch
	tagReview
	tagActivity
	tagDecision
	tagDeputy
	tagLeader
	tagTheme
	tagAward
	tagBloc
	tagTime
	tagDay
	tagUnitTalk
)

// cuePhrases holds every cue table of the rules, so that one pass over a
// text finds them all.
var cuePhrases = sync.OnceValue(func() *phraseSet {
	awards := make([]string, len(awardCues))
	for i, c := range awardCues {
		awards[i] = c.phrase
	}
	return newPhraseSet(signingCues, launchCues, reviewCues, activityCues, decisionCues,
		deputyCues, leaderCues, themeCues, awards, blocHeads, timeWords, []string{"ngay"}, unitTalk)
})

// sentencesWith marks the sentences that hold a hit with the given tag.
func (t *text) sentencesWith(tag int) []bool {
	out := make([]bool, len(t.sents))
	si := 0
	for _, h := range t.hits {
		if h.tag != tag {
			continue
		}
		for si < len(t.sents) && t.sents[si].end < h.at.end {
			si++
		}
		if si == len(t.sents) {
			break
		}
		if t.sents[si].start <= h.at.start {
			out[si] = true
		}
	}
	return out
}

// hitsOf yields the cue hits with the given tag, in text order, with idx
// the phrase's index within its own table.
func (t *text) hitsOf(tag int) iter.Seq[phraseHit] {
	return func(yield func(phraseHit) bool) {
		base := cuePhrases().base[tag]
		for _, h := range t.hits {
			if h.tag == tag {
				h.idx -= base
				if !yield(h) {
					return
				}
			}
		}
	}
}
