"""The hostile suite: attacks on the tool as a user or a CI job runs it — planted and corrupt
caches, inputs built to hang it, injections into its outputs — each refused or survived."""
