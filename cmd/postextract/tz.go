package main

import "github.com/postextract/postextract/internal/zone"

// location reads -tz (see zone.Location).
var location = zone.Location
