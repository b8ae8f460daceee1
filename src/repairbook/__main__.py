from repairbook.cli import main

main()
