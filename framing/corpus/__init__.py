"""Reading corpora: folders of .txt/.html files, CSV and JSONL exports, manifests."""
