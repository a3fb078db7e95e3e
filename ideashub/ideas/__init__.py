"""Ideas: the idea itself (stages, listed, the hearing status, every stored counter), supports, responses, the board and the idea page."""
