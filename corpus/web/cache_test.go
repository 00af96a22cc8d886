package web

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/thidua/thidua/corpus"
)

// TestCacheFollowsGeneration asks the same question before and after a
// Put: the cached answer must not outlive the records it came from.
func TestCacheFollowsGeneration(t *testing.T) {
	tests := []struct {
		name  string
		cache int
	}{
		{"cache on", 0},
		{"one entry", 1},
		{"cache off", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := openFixtures(t, fixture)
			h := NewHandler(c, Options{CacheEntries: tt.cache})
			state := func() corpus.State {
				t.Helper()
				rec := get(h, "GET", "/api/query?unit=bien+phong")
				if rec.Code != 200 {
					t.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
				var m corpus.Matrix
				if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
					t.Fatal(err)
				}
				for i, row := range m.Rows {
					for j, col := range m.Cols {
						if row == "Nghệ An" && col == "2019" {
							return m.Cells[i][j].State
						}
					}
				}
				return ""
			}
			if got := state(); got != "" && got != corpus.Unknown {
				t.Fatalf("Nghệ An 2019 before the Put: %s, want no cell or unknown", got)
			}
			get(h, "GET", "/api/query?unit=police") // another entry, to evict with one entry
			state()                                 // and the first again, from the cache when on
			f, err := os.Open(xssFixture)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := c.Import(f, xssFixture, nil); err != nil {
				t.Fatal(err)
			}
			if got := state(); got != corpus.Member {
				t.Errorf("Nghệ An 2019 after putting xss-1: %s, want member", got)
			}
		})
	}
}
