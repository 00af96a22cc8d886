package normalize

// The legacy 8-bit Vietnamese font encodings, as data. No library covers
// them. Sources:
//   - TCVN3 ("ABC"): TCVN 5712:1993, character set VN3, the encoding of the
//     .VnTime/.VnArial fonts;
//   - VNI: the VNI for Windows encoding of the VNI-Times fonts (VNI Software
//     Co.), base letter followed by a mark byte;
// as tabulated by the converters that still read them (Unikey's "TCVN3
// (ABC)" and "VNI Windows" charsets; the charts of vietunicode.sourceforge.net).
// The tables below were transcribed from those published layouts (no copy
// is available offline here) and are checked by the tests: the round trip
// of sentences encoded with these tables, and the well-known hand-copied
// samples "Céng hoµ x· héi chñ nghÜa ViÖt Nam" (TCVN3) and "Coäng hoøa xaõ
// hoäi chuû nghóa Vieät Nam" (VNI). The bytes are read as windows-1252.

// tcvn3 maps the bytes 0xA1–0xFE of TCVN3 (VN3) to Unicode; 0 marks a byte
// that VN3 leaves to the font (not a letter) and that is kept as in
// windows-1252. VN3 has only lower-case marked letters: upper-case text is
// the same bytes shown with an upper-case font (.VnTimeH), see FromLegacy.
var tcvn3 = [0x100 - 0xA1]rune{
	0xA1 - 0xA1: 'Ă', 0xA2 - 0xA1: 'Â', 0xA3 - 0xA1: 'Ê', 0xA4 - 0xA1: 'Ô',
	0xA5 - 0xA1: 'Ơ', 0xA6 - 0xA1: 'Ư', 0xA7 - 0xA1: 'Đ',
	0xA8 - 0xA1: 'ă', 0xA9 - 0xA1: 'â', 0xAA - 0xA1: 'ê', 0xAB - 0xA1: 'ô',
	0xAC - 0xA1: 'ơ', 0xAD - 0xA1: 'ư', 0xAE - 0xA1: 'đ',
	// a: huyền, hỏi, ngã, sắc, nặng
	0xB5 - 0xA1: 'à', 0xB6 - 0xA1: 'ả', 0xB7 - 0xA1: 'ã', 0xB8 - 0xA1: 'á', 0xB9 - 0xA1: 'ạ',
	// ă
	0xBB - 0xA1: 'ằ', 0xBC - 0xA1: 'ẳ', 0xBD - 0xA1: 'ẵ', 0xBE - 0xA1: 'ắ', 0xC6 - 0xA1: 'ặ',
	// â
	0xC7 - 0xA1: 'ầ', 0xC8 - 0xA1: 'ẩ', 0xC9 - 0xA1: 'ẫ', 0xCA - 0xA1: 'ấ', 0xCB - 0xA1: 'ậ',
	// e
	0xCC - 0xA1: 'è', 0xCE - 0xA1: 'ẻ', 0xCF - 0xA1: 'ẽ', 0xD0 - 0xA1: 'é', 0xD1 - 0xA1: 'ẹ',
	// ê
	0xD2 - 0xA1: 'ề', 0xD3 - 0xA1: 'ể', 0xD4 - 0xA1: 'ễ', 0xD5 - 0xA1: 'ế', 0xD6 - 0xA1: 'ệ',
	// i
	0xD7 - 0xA1: 'ì', 0xD8 - 0xA1: 'ỉ', 0xDC - 0xA1: 'ĩ', 0xDD - 0xA1: 'í', 0xDE - 0xA1: 'ị',
	// o
	0xDF - 0xA1: 'ò', 0xE1 - 0xA1: 'ỏ', 0xE2 - 0xA1: 'õ', 0xE3 - 0xA1: 'ó', 0xE4 - 0xA1: 'ọ',
	// ô
	0xE5 - 0xA1: 'ồ', 0xE6 - 0xA1: 'ổ', 0xE7 - 0xA1: 'ỗ', 0xE8 - 0xA1: 'ố', 0xE9 - 0xA1: 'ộ',
	// ơ
	0xEA - 0xA1: 'ờ', 0xEB - 0xA1: 'ở', 0xEC - 0xA1: 'ỡ', 0xED - 0xA1: 'ớ', 0xEE - 0xA1: 'ợ',
	// u
	0xEF - 0xA1: 'ù', 0xF1 - 0xA1: 'ủ', 0xF2 - 0xA1: 'ũ', 0xF3 - 0xA1: 'ú', 0xF4 - 0xA1: 'ụ',
	// ư
	0xF5 - 0xA1: 'ừ', 0xF6 - 0xA1: 'ử', 0xF7 - 0xA1: 'ữ', 0xF8 - 0xA1: 'ứ', 0xF9 - 0xA1: 'ự',
	// y
	0xFA - 0xA1: 'ỳ', 0xFB - 0xA1: 'ỷ', 0xFC - 0xA1: 'ỹ', 0xFD - 0xA1: 'ý', 0xFE - 0xA1: 'ỵ',
}

// vniLetters are the VNI bytes that stand alone for a letter (read in
// windows-1252): đ, ơ, ư, the marked i and the ỵ.
var vniLetters = map[rune]rune{
	'ñ': 'đ', 'Ñ': 'Đ', // 0xF1, 0xD1
	'ô': 'ơ', 'Ô': 'Ơ', // 0xF4, 0xD4
	'ö': 'ư', 'Ö': 'Ư', // 0xF6, 0xD6
	'ì': 'ì', 'Ì': 'Ì', // 0xEC, 0xCC
	'í': 'í', 'Í': 'Í', // 0xED, 0xCD
	'æ': 'ỉ', 'Æ': 'Ỉ', // 0xE6, 0xC6
	'ó': 'ĩ', 'Ó': 'Ĩ', // 0xF3, 0xD3
	'ò': 'ị', 'Ò': 'Ị', // 0xF2, 0xD2
	'î': 'ỵ', 'Î': 'Ỵ', // 0xEE, 0xCE
}

// vniMark is what a VNI mark byte adds to the vowel before it: a quality
// (circumflex, breve) and a tone (1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng).
type vniMark struct {
	circumflex, breve bool
	tone              int
}

// vniMarks are the VNI mark bytes (read in windows-1252), lower-case byte
// then upper-case byte.
var vniMarks = map[rune]vniMark{
	'ø': {tone: 1}, 'Ø': {tone: 1}, // 0xF8, 0xD8 huyền
	'ù': {tone: 2}, 'Ù': {tone: 2}, // 0xF9, 0xD9 sắc
	'û': {tone: 3}, 'Û': {tone: 3}, // 0xFB, 0xDB hỏi
	'õ': {tone: 4}, 'Õ': {tone: 4}, // 0xF5, 0xD5 ngã
	'ï': {tone: 5}, 'Ï': {tone: 5}, // 0xEF, 0xCF nặng
	'â': {circumflex: true}, 'Â': {circumflex: true}, // 0xE2, 0xC2
	'à': {circumflex: true, tone: 1}, 'À': {circumflex: true, tone: 1}, // 0xE0, 0xC0
	'á': {circumflex: true, tone: 2}, 'Á': {circumflex: true, tone: 2}, // 0xE1, 0xC1
	'å': {circumflex: true, tone: 3}, 'Å': {circumflex: true, tone: 3}, // 0xE5, 0xC5
	'ã': {circumflex: true, tone: 4}, 'Ã': {circumflex: true, tone: 4}, // 0xE3, 0xC3
	'ä': {circumflex: true, tone: 5}, 'Ä': {circumflex: true, tone: 5}, // 0xE4, 0xC4
	'ê': {breve: true}, 'Ê': {breve: true}, // 0xEA, 0xCA
	'è': {breve: true, tone: 1}, 'È': {breve: true, tone: 1}, // 0xE8, 0xC8
	'é': {breve: true, tone: 2}, 'É': {breve: true, tone: 2}, // 0xE9, 0xC9
	'ú': {breve: true, tone: 3}, 'Ú': {breve: true, tone: 3}, // 0xFA, 0xDA
	'ü': {breve: true, tone: 4}, 'Ü': {breve: true, tone: 4}, // 0xFC, 0xDC
	'ë': {breve: true, tone: 5}, 'Ë': {breve: true, tone: 5}, // 0xEB, 0xCB
}
