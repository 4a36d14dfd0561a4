"""Purchased services (服务购买): calls, applications, review, award, contract and delivery."""
