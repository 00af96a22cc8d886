package normalize

//go:generate go run maketables.go

// Vowel qualities, numbered as in tables.go (maketables.go).
const (
	qA    = 1 + iota // a
	qAb              // ă
	qAc              // â
	qE               // e
	qEc              // ê
	qI               // i
	qO               // o
	qOc              // ô
	qOh              // ơ
	qU               // u
	qUh              // ư
	qY               // y
	qLast = qY
)

// vowelOf returns the quality (qA…qY, 0 when r is not a Vietnamese vowel),
// the tone (0 none, 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng) and the case of r.
func vowelOf(r rune) (quality, tone int, upper bool) {
	var v uint8
	switch {
	case r < 0x250:
		v = vowelLatin[r]
	case 0x1E00 <= r && r < 0x1F00:
		v = vowelExt[r-0x1E00]
	default:
		return 0, 0, false
	}
	return int(v>>3) & 0xF, int(v & 7), v&0x80 != 0
}

// vowelRune is the inverse of vowelOf.
func vowelRune(quality, tone int, upper bool) rune {
	u := 0
	if upper {
		u = 1
	}
	return vowelRunes[quality][tone][u]
}
