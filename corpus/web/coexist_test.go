package web

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/thidua/thidua/corpus"
	"github.com/thidua/thidua/extract"
)

// fixtureDir returns a data directory holding the fixture, closed.
func fixtureDir(t *testing.T) string {
	t.Helper()
	c := openFixtures(t, fixture)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	return c.Dir()
}

// sharedServer serves dir through a corpus.Shared.
func sharedServer(t *testing.T, dir string, o corpus.Options) (*httptest.Server, *corpus.Shared) {
	t.Helper()
	s := corpus.NewShared(dir, o, 20*time.Millisecond)
	srv := httptest.NewServer(NewHandler(s, Options{}))
	t.Cleanup(func() {
		srv.Close()
		s.Close()
	})
	return srv, s
}

// status GETs target and returns the status and body.
func status(t *testing.T, target string) (int, string) {
	t.Helper()
	res, err := http.Get(target)
	if err != nil {
		t.Error(err)
		return 0, ""
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Error(err)
	}
	return res.StatusCode, string(b)
}

// putOne opens dir read-write (waiting for the server up to the default
// lock timeout), puts a record and closes.
func putOne(dir, id string) error {
	w, err := corpus.Open(dir, corpus.Options{})
	if err != nil {
		return err
	}
	_, err = w.Put(extract.Record{ID: id, URL: "https://example.org/" + id, Title: "Khối thi đua Nội chính " + id})
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}

var coexistPaths = []string{"/api/query?unit=bien+phong", "/api/search?q=bi%C3%AAn+ph%C3%B2ng", "/api/stats", "/api/compare?year=2024"}

// TestServeBesideWriter: the server answers a burst of requests while a
// writer (a second open of the same data directory, read-write) puts a
// record: both succeed, and the record is served afterwards.
func TestServeBesideWriter(t *testing.T) {
	dir := fixtureDir(t)
	srv, _ := sharedServer(t, dir, corpus.Options{})
	var wg sync.WaitGroup
	var putErr error
	wg.Go(func() { putErr = putOne(dir, "during-burst") })
	for w := range 4 {
		wg.Go(func() {
			for i := range 10 {
				p := coexistPaths[(w+i)%len(coexistPaths)]
				if code, body := status(t, srv.URL+p); code != http.StatusOK {
					t.Errorf("GET %s during the put: %d %s", p, code, body)
				}
			}
		})
	}
	wg.Wait()
	if putErr != nil {
		t.Fatalf("put beside the server: %v", putErr)
	}
	if code, body := status(t, srv.URL+"/api/records/during-burst"); code != http.StatusOK {
		t.Errorf("the record put beside the server: %d %s", code, body)
	}
}

// TestServeWaitsForWriter: requests that come while a writer holds the
// store wait for it and see its records; past the lock timeout they get
// 503 busy with Retry-After.
func TestServeWaitsForWriter(t *testing.T) {
	tests := []struct {
		name     string
		timeout  time.Duration // the server's wait for the store
		hold     time.Duration // how long the writer keeps it
		want     int
		wantCode string
	}{
		{"writer done in time", 0, 100 * time.Millisecond, http.StatusOK, ""},
		{"writer holds too long", 50 * time.Millisecond, 0, http.StatusServiceUnavailable, "busy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := fixtureDir(t)
			srv, s := sharedServer(t, dir, corpus.Options{LockTimeout: tt.timeout})
			if code, _ := status(t, srv.URL+"/api/stats"); code != http.StatusOK {
				t.Fatalf("stats before the writer: %d", code)
			}
			for s.IsOpen() { // wait for the idle close; bounded by the test timeout
				time.Sleep(5 * time.Millisecond)
			}
			w, err := corpus.Open(dir, corpus.Options{LockTimeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Put(extract.Record{ID: "held", URL: "https://example.org/held"}); err != nil {
				t.Fatal(err)
			}
			type answer struct {
				code int
				body string
			}
			answers := make(chan answer, 1)
			go func() {
				code, body := status(t, srv.URL+"/api/records/held")
				answers <- answer{code, body}
			}()
			if tt.hold == 0 { // the request gives up while the writer holds the store
				a := <-answers
				w.Close()
				if a.code != tt.want || errorCode(a.body) != tt.wantCode {
					t.Fatalf("answer while the writer holds the store: %d %s, want %d %s", a.code, a.body, tt.want, tt.wantCode)
				}
				return
			}
			time.Sleep(tt.hold)
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if a := <-answers; a.code != tt.want {
				t.Fatalf("answer after the writer closed: %d %s, want %d", a.code, a.body, tt.want)
			}
		})
	}
}

// errorCode returns the code of a JSON error body, or "".
func errorCode(body string) string {
	var e apiError
	if json.Unmarshal([]byte(body), &e) != nil {
		return ""
	}
	return e.Error.Code
}
