"""Stories: the same event across outlets, matched and compared sentence by sentence."""
