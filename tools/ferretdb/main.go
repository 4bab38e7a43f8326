// Command ferretdb runs FerretDB's embeddable server with the SQLite backend so that
// local development and CI get a MongoDB wire-compatible server without Docker.
// It exists because `go install .../cmd/ferretdb` builds a binary that panics on a
// missing generated version file; the embeddable package does not need it.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dataDir := flag.String("data", "", "directory for the SQLite databases (created if missing)")
	// BEGIN IMMEDIATE lets concurrent writers wait on busy_timeout instead of failing with
	// SQLITE_BUSY; synchronous=normal is WAL's usual setting (durable across process crashes).
	sqliteParams := flag.String("sqlite-params", "_txlock=immediate&_pragma=synchronous(normal)", "extra SQLite URI query parameters")
	flag.Parse()

	if *dataDir == "" {
		fmt.Fprintln(os.Stderr, "ferretdb: -data is required")
		os.Exit(2)
	}
	if err := os.MkdirAll(*dataDir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb:", err)
		os.Exit(1)
	}

	server, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Handler:   "sqlite",
		SQLiteURL: "file:" + *dataDir + "/?" + *sqliteParams,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb:", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	go keepIDIndexes(ctx, *dataDir, 2*time.Second)

	fmt.Println("ferretdb: listening on", *listen)
	server.Run(ctx)
}
