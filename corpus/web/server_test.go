package web

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestListenAddr(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"default", "", "127.0.0.1:8080"},
		{"port only", ":9000", "127.0.0.1:9000"},
		{"loopback", "127.0.0.1:0", "127.0.0.1:0"},
		{"named host", "0.0.0.0:8080", "0.0.0.0:8080"},
		{"ipv6 loopback", "[::1]:8080", "[::1]:8080"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := listenAddr(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("listenAddr(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
	if _, err := listenAddr("nonsense"); err == nil || !strings.HasPrefix(err.Error(), "web: ") {
		t.Errorf("listenAddr(nonsense): error %v, want a web: error", err)
	}
}

func TestServerTimeouts(t *testing.T) {
	srv := newServer(openFixtures(t, fixture), ServerOptions{})
	if srv.ReadTimeout <= 0 || srv.WriteTimeout <= 0 || srv.IdleTimeout <= 0 || srv.ReadHeaderTimeout <= 0 {
		t.Errorf("timeouts read %v write %v idle %v header %v: want all set",
			srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout, srv.ReadHeaderTimeout)
	}
}

// TestServe starts the server on a loopback port, asks it once, and stops
// it by cancelling the context.
func TestServe(t *testing.T) {
	c := openFixtures(t, fixture)
	ctx, cancel := context.WithCancel(t.Context())
	addrc := make(chan net.Addr, 1)
	errc := make(chan error, 1)
	go func() {
		errc <- Serve(ctx, c, ServerOptions{Addr: ":0", Listening: func(a net.Addr) { addrc <- a }})
	}()
	var addr net.Addr
	select {
	case addr = <-addrc:
	case err := <-errc:
		t.Fatal(err)
	}
	if ip := addr.(*net.TCPAddr).IP; !ip.IsLoopback() {
		t.Errorf("bound to %v, want loopback", addr)
	}
	res, err := http.Get("http://" + addr.String() + "/api/stats")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), `"records":14`) {
		t.Errorf("stats: %d %s, want 200 with 14 records", res.StatusCode, body)
	}
	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Errorf("Serve after cancel: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
}
