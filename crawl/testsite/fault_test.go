package testsite

import (
	"context"
	"errors"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestFaultStatus(t *testing.T) {
	tests := []struct {
		name       string
		fault      Fault
		wantStatus []int // statuses of successive requests
		retryAfter string
	}{
		{"503 twice then page", Fault{Status: 503, RetryAfter: "1", Times: 2}, []int{503, 503, 200, 200}, "1"},
		{"429 with date", Fault{Status: 429, RetryAfter: "Wed, 21 Oct 2015 07:28:00 GMT", Times: 1}, []int{429, 200}, "Wed, 21 Oct 2015 07:28:00 GMT"},
		{"500 always", Fault{Status: 500}, []int{500, 500, 500}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTree(t, basicTree, Options{})
			s.SetFault("a.vn", "/tin/bai-1.html", tt.fault)
			for i, want := range tt.wantStatus {
				resp, body := get(t, s, "GET", "http://a.vn/tin/bai-1.html", nil)
				if resp.StatusCode != want {
					t.Fatalf("request %d: status %d, want %d", i+1, resp.StatusCode, want)
				}
				if want != 200 && resp.Header.Get("Retry-After") != tt.retryAfter {
					t.Errorf("request %d: Retry-After %q, want %q", i+1, resp.Header.Get("Retry-After"), tt.retryAfter)
				}
				if want == 200 && body != "<html>bai 1</html>" {
					t.Errorf("request %d: body %q", i+1, body)
				}
			}
		})
	}
}

func TestFaultMatching(t *testing.T) {
	s := newTree(t, basicTree, Options{})
	s.SetFault("a.vn", "/tin/*", Fault{Status: 500})
	s.SetFault("a.vn", "/tin/bai-*", Fault{Status: 502})
	s.SetFault("a.vn", "/list.aspx?Page=2", Fault{Status: 404})
	s.SetFault("a.vn", "/thoi-su/", Fault{Status: 410})
	tests := []struct {
		name, url string
		status    int
	}{
		{"longer prefix wins", "http://a.vn/tin/bai-1.html", 502},
		{"shorter prefix", "http://a.vn/tin/khac.html", 500},
		{"exact with query", "http://a.vn/list.aspx?Page=2", 404},
		{"exact path, any query", "http://a.vn/thoi-su/?x=1", 410},
		{"other host untouched", "http://b.vn/tin/bai-1.html", 200},
		{"other path untouched", "http://a.vn/", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, _ := get(t, s, "GET", tt.url, nil)
			if resp.StatusCode != tt.status {
				t.Errorf("%s: status %d, want %d", tt.url, resp.StatusCode, tt.status)
			}
		})
	}
	t.Run("removed by zero fault", func(t *testing.T) {
		s.SetFault("a.vn", "/tin/bai-*", Fault{})
		resp, _ := get(t, s, "GET", "http://a.vn/tin/bai-1.html", nil)
		if resp.StatusCode != 500 {
			t.Errorf("status %d after removing the longer prefix, want 500", resp.StatusCode)
		}
	})
}

func TestFaultDelay(t *testing.T) {
	s := newTree(t, basicTree, Options{})
	s.SetFault("a.vn", "/tin/bai-1.html", Fault{Delay: time.Hour})
	s.SetFault("a.vn", "/old.html", Fault{Delay: time.Millisecond, Status: 503})
	c := s.Client()
	c.Timeout = 100 * time.Millisecond
	if _, err := c.Get("http://a.vn/tin/bai-1.html"); err == nil {
		t.Error("a response delayed by an hour arrived within the client's timeout")
	}
	resp, err := c.Get("http://a.vn/old.html")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 503 {
		t.Errorf("delay then status: got %d, want 503", resp.StatusCode)
	}
}

func TestFaultSlowBody(t *testing.T) {
	s := newTree(t, map[string]string{"a.vn/big.html": strings.Repeat("x", 5000)}, Options{})
	s.SetFault("a.vn", "/big.html", Fault{SlowBody: time.Millisecond})
	resp, body := get(t, s, "GET", "http://a.vn/big.html", nil)
	if resp.StatusCode != 200 || len(body) != 5000 {
		t.Errorf("slow body: status %d, %d bytes; want 200, 5000", resp.StatusCode, len(body))
	}
	s.SetFault("a.vn", "/big.html", Fault{SlowBody: time.Hour})
	c := s.Client()
	c.Timeout = 200 * time.Millisecond
	resp, err := c.Get("http://a.vn/big.html")
	if err != nil {
		t.Fatalf("headers should arrive at once: %v", err)
	}
	defer resp.Body.Close()
	if _, err := io.ReadAll(resp.Body); err == nil {
		t.Error("reading a body trickled once an hour finished within the timeout")
	}
}

func TestFaultHang(t *testing.T) {
	s := newTree(t, basicTree, Options{})
	s.SetFault("a.vn", "/tin/bai-1.html", Fault{Hang: true})
	t.Run("client gives up", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, "GET", "http://a.vn/tin/bai-1.html", nil)
		_, err := s.Client().Do(req)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error %v, want deadline exceeded", err)
		}
	})
	t.Run("close releases", func(t *testing.T) {
		errc := make(chan error, 1)
		var started sync.WaitGroup
		started.Add(1)
		go func() {
			started.Done()
			resp, err := (&http.Client{Transport: s.Transport()}).Get("http://a.vn/tin/bai-1.html")
			if err == nil {
				resp.Body.Close()
			}
			errc <- err
		}()
		started.Wait()
		for s.Stats().ByPath["a.vn/tin/bai-1.html"] < 2 {
			runtime.Gosched()
		}
		s.Close() // must return although a handler hangs
		if err := <-errc; err == nil {
			t.Error("a hanging request got a response")
		}
	})
}

func TestFaultReset(t *testing.T) {
	s := newTree(t, basicTree, Options{})
	s.SetFault("a.vn", "/tin/bai-1.html", Fault{Reset: true, Times: 1})
	c := &http.Client{Transport: s.Transport()}
	if resp, err := c.Get("http://a.vn/tin/bai-1.html"); err == nil {
		resp.Body.Close()
		t.Fatal("a reset connection gave a response")
	}
	resp, body := get(t, s, "GET", "http://a.vn/tin/bai-1.html", nil)
	if resp.StatusCode != 200 || body != "<html>bai 1</html>" {
		t.Errorf("after the reset: %d %q", resp.StatusCode, body)
	}
}

func TestFaultRedirect(t *testing.T) {
	s := newTree(t, basicTree, Options{})
	s.SetFault("a.vn", "/loop-a", Fault{RedirectTo: "/loop-b"})
	s.SetFault("a.vn", "/loop-b", Fault{RedirectTo: "https://a.vn/loop-a", Status: 301})
	s.SetFault("a.vn", "/moved", Fault{RedirectTo: "https://b.vn/tin/bai-1.html"})
	t.Run("loop", func(t *testing.T) {
		_, err := s.Client().Get("http://a.vn/loop-a")
		if err == nil || !strings.Contains(err.Error(), "redirects") {
			t.Errorf("error %v, want the client to stop after too many redirects", err)
		}
		if n := s.Stats().ByPath["a.vn/loop-b"]; n < 5 {
			t.Errorf("loop-b requested %d times", n)
		}
	})
	t.Run("to another host", func(t *testing.T) {
		resp, body := get(t, s, "GET", "http://a.vn/moved", nil)
		if body != "<html>bai 1 of b</html>" || resp.Request.URL.String() != "https://b.vn/tin/bai-1.html" {
			t.Errorf("redirect ended at %s with %q", resp.Request.URL, body)
		}
	})
	t.Run("status kept", func(t *testing.T) {
		c := s.Client()
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		resp, err := c.Get("http://a.vn/loop-b")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 301 || resp.Header.Get("Location") != "https://a.vn/loop-a" {
			t.Errorf("got %d Location %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
}

func TestFaultBodySize(t *testing.T) {
	const size = 50 << 20
	s := newTree(t, basicTree, Options{})
	s.SetFault("a.vn", "/huge.html", Fault{BodySize: size})
	s.SetFault("a.vn", "/tiny.html", Fault{BodySize: 10})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	resp, err := s.Client().Get("http://a.vn/huge.html")
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	runtime.ReadMemStats(&after)
	if err != nil || n != size || resp.ContentLength != size {
		t.Fatalf("read %d bytes (Content-Length %d, err %v), want %d", n, resp.ContentLength, err, size)
	}
	if got := s.Stats().Bytes; got != size {
		t.Errorf("Stats.Bytes = %d, want %d", got, size)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Errorf("serving %d bytes allocated %d bytes: the body is not streamed", size, alloc)
	}
	t.Run("limited reader stops early", func(t *testing.T) {
		resp, err := s.Client().Get("http://a.vn/huge.html")
		if err != nil {
			t.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
		if n != 1<<20 {
			t.Errorf("read %d", n)
		}
	})
	t.Run("smaller than the envelope", func(t *testing.T) {
		_, body := get(t, s, "GET", "http://a.vn/tiny.html", nil)
		if len(body) != 10 {
			t.Errorf("%d bytes, want 10", len(body))
		}
	})
}
