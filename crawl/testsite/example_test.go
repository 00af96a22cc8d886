package testsite_test

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/thidua/thidua/crawl/testsite"
)

// Serve a one-page site, add an article at run time, and answer a
// conditional request with 304.
func Example() {
	dir, _ := os.MkdirTemp("", "sites")
	defer os.RemoveAll(dir)
	_ = os.MkdirAll(filepath.Join(dir, "baonghean.vn"), 0o755)
	_ = os.WriteFile(filepath.Join(dir, "baonghean.vn", "robots.txt"), []byte("User-agent: *\nAllow: /\n"), 0o644)

	s, err := testsite.New(dir, testsite.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	s.Put("baonghean.vn", "/bai-moi-1.html", []byte("<html><title>Bài mới</title></html>"), nil)

	c := s.Client()
	resp, _ := c.Get("https://baonghean.vn/bai-moi-1.html")
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, string(body))

	req, _ := http.NewRequest("GET", "https://baonghean.vn/bai-moi-1.html", nil)
	req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
	resp, err = c.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode, s.Stats().NotModified)
	// Output:
	// 200 <html><title>Bài mới</title></html>
	// 304 1
}

// Make a fault-injecting server answer 503 with Retry-After once.
func ExampleServer_SetFault() {
	dir, _ := os.MkdirTemp("", "sites")
	defer os.RemoveAll(dir)
	_ = os.MkdirAll(filepath.Join(dir, "vksbinhdinh.gov.vn"), 0o755)
	_ = os.WriteFile(filepath.Join(dir, "vksbinhdinh.gov.vn", "index.html"), []byte("<html>trang chủ</html>"), 0o644)
	s, _ := testsite.New(dir, testsite.Options{})
	defer s.Close()
	s.SetFault("vksbinhdinh.gov.vn", "/", testsite.Fault{Status: 503, RetryAfter: "120", Times: 1})
	for range 2 {
		resp, err := s.Client().Get("https://vksbinhdinh.gov.vn/")
		if err != nil {
			fmt.Println(err)
			return
		}
		resp.Body.Close()
		fmt.Println(resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	// Output:
	// 503 120
	// 200
}
