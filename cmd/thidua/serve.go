package main

import (
	"github.com/spf13/cobra"
	"github.com/thidua/thidua/corpus/web"
)

func newServeCmd() *cobra.Command {
	var dir string
	var o web.ServerOptions
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the corpus: a read-only JSON API and a page to look at it (loopback only unless --addr names a host)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := openCorpus(cmd, dir)
			if err != nil {
				return err
			}
			defer c.Close()
			o.Log = cmd.ErrOrStderr()
			return web.Serve(cmd.Context(), c, o)
		},
	}
	addDataFlag(cmd, &dir)
	fs := cmd.Flags()
	fs.StringVar(&o.Addr, "addr", web.DefaultAddr, `host:port to listen on; ":8080" means loopback, "0.0.0.0:8080" every interface`)
	fs.DurationVar(&o.ReadTimeout, "read-timeout", 0, "time to read a request (0: 10s)")
	fs.DurationVar(&o.WriteTimeout, "write-timeout", 0, "time to write a response (0: 30s)")
	fs.DurationVar(&o.IdleTimeout, "idle-timeout", 0, "keep-alive idle time (0: 60s)")
	fs.IntVar(&o.Handler.MaxQueryLen, "max-query", 0, "longest query string in bytes (0: 2048)")
	fs.IntVar(&o.Handler.MaxCellRecords, "max-cell-records", 0, "record ids listed per matrix cell (0: 20)")
	fs.IntVar(&o.Handler.CacheEntries, "cache-entries", 0, "query and compare answers kept per store generation (0: 64, -1: off)")
	fs.IntVar(&o.Handler.MaxHits, "max-hits", 0, "most search hits per page (0: 100)")
	fs.IntVar(&o.Handler.MaxDownload, "max-download", 0, "largest download in bytes (0: 32 MiB)")
	return cmd
}
