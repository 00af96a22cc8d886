package web

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"github.com/thidua/thidua/extract"
	"golang.org/x/net/html"
)

// TestXSSAPI checks that crawled markup leaves the API as text: the JSON
// never holds a raw '<', and decoding it gives the payload back unchanged
// (the page then shows it with textContent).
func TestXSSAPI(t *testing.T) {
	h := NewHandler(openFixtures(t, fixture, xssFixture), Options{})
	tests := []struct{ name, target string }{
		{"record", "/api/records/xss-1"},
		{"query", "/api/query?unit=bien+phong"},
		{"compare", "/api/compare?province=Ngh%E1%BB%87+An"},
		{"search", "/api/search?q=script"},
		{"search title", "/api/search?q=window"},
		{"download", "/api/download?format=jsonl&province=nghe+an"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(h, "GET", tt.target)
			if rec.Code != 200 {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			if body := rec.Body.String(); strings.ContainsAny(body, "<>") {
				t.Errorf("%s: raw < or > in the body: %.300s", tt.target, body)
			}
		})
	}

	t.Run("record round trip", func(t *testing.T) {
		var r extract.Record
		if err := json.Unmarshal(get(h, "GET", "/api/records/xss-1").Body.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(r.Title, "<script>window.__xss=1</script>") {
			t.Errorf("title %q: want the payload back as text", r.Title)
		}
		if len(r.Members) == 0 || !strings.HasPrefix(r.Members[0].Name, `"onerror="window.__xss=1"`) {
			t.Errorf("members %v: want the payload back as text", r.Members)
		}
	})

	t.Run("search fragments", func(t *testing.T) {
		var res struct {
			Hits []struct {
				Fragments map[string][]string `json:"fragments"`
			} `json:"hits"`
		}
		if err := json.Unmarshal(get(h, "GET", "/api/search?q=kh%E1%BB%91i&province=nghe+an").Body.Bytes(), &res); err != nil {
			t.Fatal(err)
		}
		n, escaped := 0, false
		for _, hit := range res.Hits {
			for field, frags := range hit.Fragments {
				for _, f := range frags {
					n++
					escaped = escaped || strings.Contains(f, "&lt;script&gt;")
					rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(f)
					if strings.ContainsAny(rest, "<>") {
						t.Errorf("fragment of %s %q: markup other than <mark>", field, f)
					}
				}
			}
		}
		if n == 0 {
			t.Fatal("no fragments for q=khối: the test checks nothing")
		}
		if !escaped {
			t.Error("no fragment holds the escaped <script> payload of the title")
		}
	})
}

// TestPageHasNoInlineScript checks the embedded page: scripts only from
// files, no event-handler attributes, no inline style, and app.js never
// parses strings as HTML.
func TestPageHasNoInlineScript(t *testing.T) {
	page, err := fs.ReadFile(staticFiles, "static/index.html")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(string(page)))
	if err != nil {
		t.Fatal(err)
	}
	scripts := 0
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") || a.Key == "style" {
				t.Errorf("<%s %s=...>: inline handlers and styles are forbidden", n.Data, a.Key)
			}
			if a.Key == "href" && strings.HasPrefix(strings.ToLower(a.Val), "javascript:") {
				t.Errorf("<%s href=%q>: javascript: URL", n.Data, a.Val)
			}
		}
		switch n.Data {
		case "script":
			scripts++
			if src := attr(n, "src"); src == "" || n.FirstChild != nil {
				t.Errorf("<script src=%q> with inline content: only script files are allowed", src)
			}
		case "style":
			t.Error("<style> element: only style sheets are allowed")
		}
	}
	if scripts == 0 {
		t.Error("no <script src> in the page")
	}
	js, err := fs.ReadFile(staticFiles, "static/app.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"} {
		if strings.Contains(string(js), bad) {
			t.Errorf("app.js uses %s: build the DOM with textContent", bad)
		}
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
