// Scan
