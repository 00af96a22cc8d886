package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/thidua/thidua/corpus"
)

const (
	fixture    = "../../testdata/corpus/records.jsonl"
	xssFixture = "../../testdata/web/xss.jsonl"
)

// openFixtures opens a fresh corpus holding the given JSONL files.
func openFixtures(t testing.TB, files ...string) *corpus.Corpus {
	t.Helper()
	c, err := corpus.Open(t.TempDir(), corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		st, err := c.Import(f, name, nil)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SkippedError(); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// get sends a request to h and returns the recorded response.
func get(h http.Handler, method, target string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	return rec
}

// decodeError reads the JSON error of a response.
func decodeError(t *testing.T, rec *httptest.ResponseRecorder) errorBody {
	t.Helper()
	var e apiError
	if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil {
		t.Fatalf("error body %q is not JSON: %v", rec.Body.String(), err)
	}
	return e.Error
}

func TestStatusAndHeaders(t *testing.T) {
	h := NewHandler(openFixtures(t, fixture), Options{MaxQueryLen: 200})
	tests := []struct {
		name, method, target string
		status               int
		code                 string // error code, for errors
		ctype                string // Content-Type prefix, for successes
	}{
		{"query", "GET", "/api/query?unit=bien+phong", 200, "", "application/json"},
		{"query head", "HEAD", "/api/query?unit=bien+phong", 200, "", "application/json"},
		{"query no unit", "GET", "/api/query", 400, "missing_parameter", ""},
		{"query unknown unit", "GET", "/api/query?unit=zzz", 400, "unknown_unit", ""},
		{"query bad year", "GET", "/api/query?unit=BĐBP&year=20x1", 400, "bad_parameter", ""},
		{"query bad by", "GET", "/api/query?unit=BĐBP&by=district", 400, "bad_parameter", ""},
		{"compare year", "GET", "/api/compare?year=2021", 200, "", "application/json"},
		{"compare province", "GET", "/api/compare?province=nam+dinh", 200, "", "application/json"},
		{"compare neither", "GET", "/api/compare", 400, "missing_parameter", ""},
		{"compare both", "GET", "/api/compare?year=2021&province=Nam+Định", 400, "missing_parameter", ""},
		{"compare unknown province", "GET", "/api/compare?province=Atlantis", 400, "unknown_province", ""},
		{"search", "GET", "/api/search?q=bi%C3%AAn", 200, "", "application/json"},
		{"search bad limit", "GET", "/api/search?q=x&limit=-1", 400, "bad_parameter", ""},
		{"record", "GET", "/api/records/seed-000", 200, "", "application/json"},
		{"record missing", "GET", "/api/records/nope", 404, "not_found", ""},
		{"stats", "GET", "/api/stats", 200, "", "application/json"},
		{"unknown endpoint", "GET", "/api/nope", 404, "not_found", ""},
		{"download jsonl", "GET", "/api/download?format=jsonl&unit=bien+phong", 200, "", "application/x-ndjson"},
		{"download csv", "GET", "/api/download?format=csv", 200, "", "text/csv"},
		{"download bad format", "GET", "/api/download?format=xml", 400, "bad_parameter", ""},
		{"post", "POST", "/api/query?unit=bien+phong", 405, "method_not_allowed", ""},
		{"delete", "DELETE", "/api/records/seed-000", 405, "method_not_allowed", ""},
		{"put page", "PUT", "/", 405, "method_not_allowed", ""},
		{"query too long", "GET", "/api/search?q=" + strings.Repeat("a", 300), 414, "query_too_long", ""},
		{"page", "GET", "/", 200, "", "text/html"},
		{"script", "GET", "/app.js", 200, "", "text/javascript"},
		{"style", "GET", "/style.css", 200, "", "text/css"},
		{"no such page", "GET", "/nope.html", 404, "not_found", ""},
		{"static dir", "GET", "/static/", 404, "not_found", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(h, tt.method, tt.target)
			if rec.Code != tt.status {
				t.Fatalf("%s %s: status %d, want %d; body %s", tt.method, tt.target, rec.Code, tt.status, rec.Body)
			}
			hd := rec.Header()
			if csp := hd.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
				t.Errorf("Content-Security-Policy %q: want script-src 'self' without unsafe-inline", csp)
			}
			if got := hd.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options %q, want nosniff", got)
			}
			if tt.status == 405 && hd.Get("Allow") != "GET, HEAD" {
				t.Errorf("Allow %q, want GET, HEAD", hd.Get("Allow"))
			}
			if tt.code != "" {
				if !strings.HasPrefix(hd.Get("Content-Type"), "application/json") {
					t.Errorf("error Content-Type %q, want JSON", hd.Get("Content-Type"))
				}
				e := decodeError(t, rec)
				if e.Code != tt.code || e.Status != tt.status {
					t.Errorf("error %+v, want code %s status %d", e, tt.code, tt.status)
				}
				return
			}
			if ct := hd.Get("Content-Type"); !strings.HasPrefix(ct, tt.ctype) {
				t.Errorf("Content-Type %q, want %s", ct, tt.ctype)
			}
		})
	}
}
