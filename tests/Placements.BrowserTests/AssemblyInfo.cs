// One Chromium at a time: the machine has 2 shared cores, and parallel browsers only make every wait longer.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
