package web_test

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"

	"github.com/thidua/thidua/corpus"
	"github.com/thidua/thidua/corpus/web"
)

// ExampleNewHandler asks the API which provinces list the border guard.
func ExampleNewHandler() {
	dir, err := os.MkdirTemp("", "thidua-web-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	c, err := corpus.Open(dir, corpus.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	f, err := os.Open("../../testdata/corpus/records.jsonl")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	if _, err := c.Import(f, "records.jsonl", nil); err != nil {
		fmt.Println(err)
		return
	}

	h := web.NewHandler(c, web.Options{})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/query?unit=bien+phong", nil))
	var m struct {
		Unit   string   `json:"unit"`
		Member []string `json:"member"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rec.Code, m.Unit, m.Member)

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("POST", "/api/query?unit=bien+phong", nil))
	fmt.Println(rec.Code, rec.Header().Get("Allow"))
	// Output:
	// 200 border-guard [Cao Bằng Hà Tĩnh Lạng Sơn Nam Định Nghệ An]
	// 405 GET, HEAD
}
