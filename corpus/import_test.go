package corpus

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/thidua/thidua/extract"
)

// FuzzImport feeds Import arbitrary lines: it must not panic nor fail, it
// reports exactly the lines that are not records (with their line
// numbers), and keeps every other line. Each input opens a fresh store and
// index, so fuzzing runs a few inputs per second.
func FuzzImport(f *testing.F) {
	fx, err := os.ReadFile(fixture)
	if err != nil {
		f.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(fx), []byte("\n"))
	f.Add(string(bytes.Join(lines[:3], []byte("\n"))))
	f.Add(string(lines[0]) + "\n{\"id\": \"b\", \"relevant\": tru\n\n" + string(lines[1]))
	f.Add(`{"relevant":false}` + "\r\n" + `{"url":"https://example.vn/x"}`)
	f.Add(`{"id":"a","province":"nghe an","year":-1,"relevant":true,"members":[{"unit":"nope"}]}` + "\n" + `{"id":"a"}`)
	f.Add("null\n[]\n\"x\"\n{}\n\xff\xfe")
	f.Fuzz(func(t *testing.T, in string) {
		c, err := Open(t.TempDir(), Options{BatchSize: 2})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		st, err := c.Import(strings.NewReader(in), "fuzz.jsonl", nil)
		if err != nil {
			t.Fatalf("import: %v", err)
		}
		skipped := map[int]bool{}
		for _, le := range st.Skipped {
			skipped[le.Line] = true
		}
		nonBlank := 0
		for i, line := range strings.Split(in, "\n") {
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			nonBlank++
			var r extract.Record
			bad := json.Unmarshal([]byte(line), &r) != nil || (r.ID == "" && r.URL == "")
			if bad != skipped[i+1] {
				t.Errorf("line %d %q: bad %v, skipped %v", i+1, line, bad, skipped[i+1])
				continue
			}
			if bad {
				continue
			}
			if p, err := prepare(r); err != nil {
				t.Errorf("line %d: %v", i+1, err)
			} else if _, ok, err := c.Get(p.ID); !ok || err != nil {
				t.Errorf("line %d: record %q not kept (%v)", i+1, p.ID, err)
			}
		}
		if st.Lines != nonBlank || st.Added+st.Updated != nonBlank-len(st.Skipped) {
			t.Errorf("lines %d (want %d), added %d + updated %d, skipped %d", st.Lines, nonBlank, st.Added, st.Updated, len(st.Skipped))
		}
	})
}
