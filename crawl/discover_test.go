package crawl

import (
	"strings"
	"testing"

	"github.com/thidua/thidua/normalize"
)

var oneLineTests = []struct {
	name, in string
}{
	{"empty", ""},
	{"one word", "Khối"},
	{"lines", "Khối thi đua\nNội chính\n\ntỉnh Nghệ An"},
	{"spaces and tabs", "  Khối\tthi   đua \u00a0 Nội\u2003chính  "},
	{"blank lines around", "\n\n\nđoạn một\r\n\r\n\r\nđoạn hai\n\n"},
	{"decomposed", "Kho\u0302\u0301i thi đua"},
}

// TestOneLine checks oneLine against the slower strings.Fields form on
// normalize.String's output, which is what mainText gives it.
func TestOneLine(t *testing.T) {
	for _, tt := range oneLineTests {
		t.Run(tt.name, func(t *testing.T) {
			s := normalize.String(tt.in)
			want := strings.Join(strings.Fields(s), " ")
			if got := oneLine(s); got != want {
				t.Errorf("oneLine(%q) = %q, want %q", s, got, want)
			}
		})
	}
}

func FuzzOneLine(f *testing.F) {
	for _, tt := range oneLineTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s := normalize.String(in)
		if got, want := oneLine(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestReadBody(t *testing.T) {
	body := strings.Repeat("0123456789", 100)
	tests := []struct {
		name        string
		hint, limit int64
		want        int
	}{
		{"no hint", -1, 2000, 1000},
		{"exact hint", 1000, 2000, 1000},
		{"short hint", 10, 2000, 1000},
		{"long hint", 5000, 2000, 1000},
		{"over the limit", 1000, 300, 301},
		{"over the limit, no hint", -1, 300, 301},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readBody(strings.NewReader(body), tt.hint, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.want || string(got) != body[:tt.want] {
				t.Errorf("read %d bytes, want %d", len(got), tt.want)
			}
		})
	}
}
