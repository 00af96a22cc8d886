package main

import (
	"time"

	"github.com/spf13/cobra"
	"github.com/thidua/thidua/corpus"
	"github.com/thidua/thidua/corpus/web"
)

func newServeCmd() *cobra.Command {
	var dir string
	var o web.ServerOptions
	var idle time.Duration
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the corpus: a read-only JSON API and a page to look at it (loopback only unless --addr names a host)",
		Long: `Serve answers from the data directory opened read-only, and only while
it answers: the store is closed once no request has come for --hold, so
that thidua nightly, import and the other commands run beside the server
(a writer waits for the requests in flight). Answers to query and compare
are kept per store generation, so repeated questions stay fast.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s := corpus.NewShared(dataDir(cmd, dir), corpus.Options{Log: cmd.ErrOrStderr()}, idle)
			defer s.Close()
			// Open once now: a data directory that cannot be served
			// fails here, and the index's notices (at the first open
			// only) come before serving.
			c, release, err := s.Acquire()
			if err != nil {
				return err
			}
			_, _ = c.IndexGeneration() // opens the index: a missing one is reported now
			release()
			o.Log = cmd.ErrOrStderr()
			return web.Serve(cmd.Context(), s, o)
		},
	}
	addDataFlag(cmd, &dir)
	fs := cmd.Flags()
	fs.StringVar(&o.Addr, "addr", web.DefaultAddr, `host:port to listen on; ":8080" means loopback, "0.0.0.0:8080" every interface`)
	fs.DurationVar(&o.ReadTimeout, "read-timeout", 0, "time to read a request (0: 10s)")
	fs.DurationVar(&o.WriteTimeout, "write-timeout", 0, "time to write a response (0: 30s)")
	fs.DurationVar(&idle, "hold", corpus.DefaultIdle, "keep the store open this long after the last request")
	fs.DurationVar(&o.IdleTimeout, "idle-timeout", 0, "keep-alive idle time (0: 60s)")
	fs.IntVar(&o.Handler.MaxQueryLen, "max-query", 0, "longest query string in bytes (0: 2048)")
	fs.IntVar(&o.Handler.MaxCellRecords, "max-cell-records", 0, "record ids listed per matrix cell (0: 20)")
	fs.IntVar(&o.Handler.CacheEntries, "cache-entries", 0, "query and compare answers kept per store generation (0: 64, -1: off)")
	fs.IntVar(&o.Handler.MaxHits, "max-hits", 0, "most search hits per page (0: 100)")
	fs.IntVar(&o.Handler.MaxDownload, "max-download", 0, "largest download in bytes (0: 32 MiB)")
	return cmd
}
