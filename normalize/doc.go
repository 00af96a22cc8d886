// Package normalize turns the text of Vietnamese web pages into the one
// canonical form that every string reaching an extractor, the index or a
// dataset is in, and gives the folded match key used to find things in it.
//
// The stages, each usable alone:
//
//	bytes + Content-Type --Decode--> UTF-8 --String--> canonical text --Fold--> match key
//
// Which file owns what:
//
//	normalize.go     the contract: String, Bytes, Transformer, Reader
//	clean.go         the rune pass behind String: invisible characters,
//	                 spaces, lines, the fast composition of decomposed
//	                 Vietnamese; norm.NFC for the rest
//	walk.go          String's walk: canonical stretches copied, the
//	                 others through the cleaner
//	scan.go          the fast path: is a text, or a stretch of a line,
//	                 already canonical
//	tone.go          tone-mark placement ("hoà" → "hòa", "Uỷ" → "Ủy")
//	transform.go     the streaming transform.Transformer
//	fold.go          Fold and FoldRune, the match key
//	vowel.go         Vietnamese vowels: quality, tone, case
//	tables.go        generated fold and vowel tables (maketables.go)
//	quote.go         IsOpenQuote, IsCloseQuote, IsQuote, IsDash
//	decode.go        Decode, DecodeString, ErrUnknownCharset, the guess
//	meta.go          the <meta charset> prescan
//	legacy.go        DetectLegacy, FromLegacy: TCVN3 (ABC) and VNI text
//	legacy_tables.go the TCVN3 and VNI tables, with their sources
//	syllable.go      Vietnamese syllable plausibility, for the guesses
//	abbrev.go        domain abbreviations (VKSND, BĐBP …): Abbrev,
//	                 LookupAbbrev, Abbreviations
//	process.go       Process and Options: read, decode, normalize, write
//	                 (what `thidua normalize` calls)
//	maketables.go    the generator of tables.go (go generate)
//
// Offsets: Fold keeps rune offsets (one key rune per text rune). String
// changes lengths; offsets into a record's text are offsets into String's
// output.
package normalize
