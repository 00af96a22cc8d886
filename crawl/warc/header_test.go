package warc

import (
	"strings"
	"testing"
)

func TestHeaderEdits(t *testing.T) {
	var h Header
	h.Add("WARC-Type", "response")
	h.Add("X-Many", "1")
	h.Add("x-many", "2")
	h.Set("Content-Length", "0")
	tests := []struct {
		name string
		edit func(h *Header)
		want string
	}{
		{"unchanged", func(*Header) {}, "WARC-Type: response|X-Many: 1|x-many: 2|Content-Length: 0"},
		{"set replaces all of a name, in place", func(h *Header) { h.Set("X-MANY", "3") }, "WARC-Type: response|X-Many: 3|Content-Length: 0"},
		{"set appends a new name", func(h *Header) { h.Set("WARC-Date", "2025") }, "WARC-Type: response|X-Many: 1|x-many: 2|Content-Length: 0|WARC-Date: 2025"},
		{"del", func(h *Header) { h.Del("x-many") }, "WARC-Type: response|Content-Length: 0"},
		{"add keeps others", func(h *Header) { h.Add("WARC-Type", "x") }, "WARC-Type: response|X-Many: 1|x-many: 2|Content-Length: 0|WARC-Type: x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Header{fields: h.Fields()}
			tt.edit(&c)
			var got []string
			for _, f := range c.Fields() {
				got = append(got, f[0]+": "+f[1])
			}
			if strings.Join(got, "|") != tt.want {
				t.Errorf("%s: %s, want %s", tt.name, strings.Join(got, "|"), tt.want)
			}
		})
	}
	if h.Get("warc-type") != "response" || !h.Has("CONTENT-LENGTH") || h.Has("nope") || h.Get("nope") != "" {
		t.Error("lookups are not case-insensitive")
	}
	if vs := h.Values("X-Many"); len(vs) != 2 || vs[1] != "2" {
		t.Errorf("Values = %v", vs)
	}
	f := h.Fields()
	f[0][1] = "changed"
	if h.Get("WARC-Type") != "response" {
		t.Error("Fields returned the header's own storage")
	}
}

func TestParseFields(t *testing.T) {
	tests := []struct {
		name, in string
		want     [][2]string
		bad      bool
	}{
		{"crlf", "a: 1\r\nb: two words\r\n", [][2]string{{"a", "1"}, {"b", "two words"}}, false},
		{"lf and no final line end", "a: 1\nb:2", [][2]string{{"a", "1"}, {"b", "2"}}, false},
		{"continuation", "ua:\r\n Mozilla/5.0\r\n\t(compatible)\r\nx: y\r\n", [][2]string{{"ua", "Mozilla/5.0 (compatible)"}, {"x", "y"}}, false},
		{"empty value", "a:\r\n", [][2]string{{"a", ""}}, false},
		{"stops at empty line", "a: 1\r\n\r\nb: 2\r\n", [][2]string{{"a", "1"}}, false},
		{"empty", "", nil, false},
		{"no colon", "a 1\r\n", nil, true},
		{"continuation first", " a: 1\r\n", nil, true},
		{"bad name", "a b: 1\r\n", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := ParseFields([]byte(tt.in))
			if (err != nil) != tt.bad {
				t.Fatalf("%s: error %v, want error %v", tt.name, err, tt.bad)
			}
			if tt.bad {
				return
			}
			got := h.Fields()
			if len(got) != len(tt.want) {
				t.Fatalf("%s: %v, want %v", tt.name, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("%s: field %d = %v, want %v", tt.name, i, got[i], tt.want[i])
				}
			}
			if back, err := ParseFields([]byte(h.String())); err != nil || back.String() != h.String() {
				t.Errorf("%s: String does not parse back: %q, %v", tt.name, h.String(), err)
			}
		})
	}
}
