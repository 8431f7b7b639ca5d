from tfgen.entry import main

main()
