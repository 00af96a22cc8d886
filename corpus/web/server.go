package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// DefaultAddr is where Serve listens when ServerOptions.Addr is empty:
// loopback only.
const DefaultAddr = "127.0.0.1:8080"

// ServerOptions configure Serve; the zero value serves on DefaultAddr.
type ServerOptions struct {
	// Addr is host:port. An empty host (":8080") means 127.0.0.1: the
	// server binds to loopback unless a host is named ("0.0.0.0:8080").
	Addr string
	// ReadTimeout, WriteTimeout and IdleTimeout bound a connection;
	// 0 means 10s, 30s and 60s.
	ReadTimeout, WriteTimeout, IdleTimeout time.Duration
	// Handler bounds what the API answers.
	Handler Options
	// Log receives the address served and shutdown notices; nil discards.
	Log io.Writer
	// Listening, when set, is called with the bound address once the
	// server accepts connections (useful with port 0).
	Listening func(net.Addr)
}

// listenAddr applies the loopback default to addr.
func listenAddr(addr string) (string, error) {
	if addr == "" {
		return DefaultAddr, nil
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("web: address %q: %w", addr, err)
	}
	if host == "" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port), nil
}

// newServer builds the http.Server with the timeouts.
func newServer(src Source, o ServerOptions) *http.Server {
	def := func(d, v time.Duration) time.Duration {
		if d <= 0 {
			return v
		}
		return d
	}
	return &http.Server{
		Handler:           NewHandler(src, o.Handler),
		ReadHeaderTimeout: def(o.ReadTimeout, 10*time.Second),
		ReadTimeout:       def(o.ReadTimeout, 10*time.Second),
		WriteTimeout:      def(o.WriteTimeout, 30*time.Second),
		IdleTimeout:       def(o.IdleTimeout, 60*time.Second),
		MaxHeaderBytes:    16 << 10,
	}
}

// Serve serves src until ctx is done, then shuts down, letting requests in
// flight finish for up to five seconds. With a *corpus.Shared, the store
// is open only while requests are answered.
func Serve(ctx context.Context, src Source, o ServerOptions) error {
	addr, err := listenAddr(o.Addr)
	if err != nil {
		return err
	}
	log := o.Log
	if log == nil {
		log = io.Discard
	}
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("web: listen on %s: %w", addr, err)
	}
	srv := newServer(src, o)
	fmt.Fprintf(log, "serving %s on http://%s/\n", src.Dir(), ln.Addr())
	if o.Listening != nil {
		o.Listening(ln.Addr())
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("web: serve on %s: %w", addr, err)
	case <-ctx.Done():
	}
	fmt.Fprintln(log, "shutting down")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("web: shutdown: %w", err)
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("web: serve on %s: %w", addr, err)
	}
	return nil
}
