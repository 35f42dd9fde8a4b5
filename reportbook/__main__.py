from reportbook.cli import main

raise SystemExit(main())
