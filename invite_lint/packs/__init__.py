"""Rule packs: finding them, reading their YAML safely, validating and building rules."""
