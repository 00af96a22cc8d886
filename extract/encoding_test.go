package extract

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/thidua/thidua/normalize"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// toneMarks are the five combining tone marks of Vietnamese.
const toneMarks = "\u0300\u0301\u0303\u0309\u0323"

// toWindows1258 encodes text as windows-1258 does: letters it has
// precomposed stay so, the others become a base letter and a combining
// tone mark.
func toWindows1258(t *testing.T, s string) []byte {
	t.Helper()
	enc := charmap.Windows1258.NewEncoder()
	var out []byte
	for _, r := range s {
		if b, err := enc.Bytes([]byte(string(r))); err == nil {
			out = append(out, b...)
			continue
		}
		d := norm.NFD.String(string(r))
		base, tone := "", ""
		for _, c := range d {
			if strings.ContainsRune(toneMarks, c) {
				tone = string(c)
			} else {
				base += string(c)
			}
		}
		b, err := enc.Bytes([]byte(norm.NFC.String(base) + tone))
		if err != nil {
			t.Fatalf("cannot encode %q in windows-1258: %v", r, err)
		}
		out = append(out, b...)
	}
	return out
}

// oldTones rewrites the canonical tone placement of "oa", "oe", "uy" at a
// syllable's end into the old one ("hòa" → "hoà", "Ủy" → "Uỷ").
func oldTones(s string) string {
	rs := []rune(norm.NFC.String(s))
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if i+1 < len(rs) {
			d := []rune(norm.NFD.String(string(r)))
			next := rs[i+1]
			endsSyllable := i+2 >= len(rs) || !isLetter(rs[i+2])
			base := strings.ToLower(string(d[0]))
			pair := base == "o" && (next == 'a' || next == 'e') || base == "u" && next == 'y'
			if len(d) == 2 && strings.ContainsRune(toneMarks, d[1]) && pair && endsSyllable && (i == 0 || strings.ToLower(string(rs[i-1])) != "q") {
				b.WriteRune(d[0])
				b.WriteString(norm.NFC.String(string(next) + string(d[1])))
				i++
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0xc0 }

func TestOldTones(t *testing.T) {
	if got := oldTones("Khánh Hòa, Ủy ban, thủy, hoàn, quý"); got != "Khánh Hoà, Uỷ ban, thuỷ, hoàn, quý" {
		t.Fatalf("oldTones = %q", got)
	}
}

// TestSameRecordInEveryEncoding extracts the seed articles written as
// UTF-8 NFC, UTF-8 NFD, windows-1258 and with the old tone placement: the
// records must be the same.
func TestSameRecordInEveryEncoding(t *testing.T) {
	goldSets(t)
	docs := readDocs(t, filepath.Join(sharedGold, "seeds.docs.jsonl"))
	for _, d := range docs {
		t.Run(d.ID, func(t *testing.T) {
			want := recordJSON(t, d)
			w1258, err := normalize.Decode(toWindows1258(t, d.Text), "text/plain; charset=windows-1258")
			if err != nil {
				t.Fatal(err)
			}
			for name, text := range map[string]string{
				"nfd":          norm.NFD.String(d.Text),
				"windows-1258": w1258.Text,
				"old-tones":    oldTones(d.Text),
			} {
				if name == "nfd" && text == d.Text {
					t.Fatalf("NFD form equals the input")
				}
				if !utf8.ValidString(text) {
					t.Fatalf("%s: invalid UTF-8", name)
				}
				v := d
				v.Text = text
				if got := recordJSON(t, v); got != want {
					t.Errorf("%s: record differs\n got %s\nwant %s", name, got, want)
				}
			}
		})
	}
}

func recordJSON(t *testing.T, d Document) string {
	t.Helper()
	res, err := Extract(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res.Record)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
