// An empty program: what starting node alone costs, in the same environment.
