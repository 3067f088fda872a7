from mlmath.cli import main

raise SystemExit(main())
