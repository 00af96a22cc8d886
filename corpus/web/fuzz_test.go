package web

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzAPI sends arbitrary query strings to every endpoint: no panic, no
// 5xx, and the answer is JSON (or a download) with the security headers.
func FuzzAPI(f *testing.F) {
	for _, seed := range []string{
		"unit=bien+phong", "unit=BĐBP&year=2018..2021", "unit=x&year=..", "year=2021", "province=nam+dinh",
		"q=bi%C3%AAn", "q=title:(", "q=*&limit=1000&offset=5", "format=csv&unit=police", "format=jsonl&all=1",
		"province=TP.HCM&by=province_2025", "q=%ff%fe", "year=-1", "level=district&event=signing",
	} {
		for _, path := range []string{"/api/query", "/api/compare", "/api/search", "/api/download", "/api/records/seed-000"} {
			f.Add(path, seed)
		}
	}
	h := NewHandler(openFixtures(f, fixture), Options{})
	f.Fuzz(func(t *testing.T, path, rawQuery string) {
		if !strings.HasPrefix(path, "/api/") {
			path = "/api/" + path
		}
		u := &url.URL{Path: path, RawQuery: rawQuery}
		req := httptest.NewRequest("GET", "/", nil)
		req.URL = u
		req.RequestURI = u.RequestURI()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %s: status %d: %s", u, rec.Code, rec.Body)
		}
		if rec.Header().Get("Content-Security-Policy") == "" {
			t.Errorf("GET %s: no Content-Security-Policy", u)
		}
		ct := rec.Header().Get("Content-Type")
		if strings.HasPrefix(ct, "application/json") && !json.Valid(rec.Body.Bytes()) {
			t.Errorf("GET %s: invalid JSON %q", u, rec.Body)
		}
		if rec.Code != 200 && rec.Code/100 != 3 && !strings.HasPrefix(ct, "application/json") {
			t.Errorf("GET %s: status %d with Content-Type %q, want a JSON error", u, rec.Code, ct)
		}
	})
}
